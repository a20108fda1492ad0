package dev.switchboard.registry.governance;

import dev.switchboard.contracts.KeyState;

/** A committed change of a key to publish on {@code switchboard.keys}: the key's whole new state. */
public record KeyChange(String keyId, KeyState state) {
}
