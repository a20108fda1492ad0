package dev.switchboard.registry.service.sync;

import dev.switchboard.registry.ModelFacts;

/**
 * One model a synced catalog describes, mapped onto a Switchboard provider and model id; {@code key} is the entry's
 * name in the source. {@code price} is null when the source does not state both an input and an output price.
 */
public record SyncedEntry(String provider, String modelId, String key, ModelFacts facts, SyncedPrice price) {

    public String name() {
        return provider + "/" + modelId;
    }
}
