package dev.switchboard.contracts;

/** A failed provider call: its class, the provider's HTTP status (0 when none) and a key-free message. */
public record ReplyError(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs) {
}
