package dev.switchboard.contracts;

import java.time.Instant;

/**
 * One adapter instance's word that it consumes a provider's request topic, on the compacted {@code switchboard.adapters}
 * topic keyed by {@code provider/instance}: sent at start, again every heartbeat, and as a tombstone (null value) on a
 * clean shutdown. A reader holds it for {@code ttlMs} from its timestamp; an instance that stops heartbeating is gone
 * after that.
 *
 * @param usable whether this instance can call the provider: a key is configured where one is needed, and it has the
 *        provider's documented shape (a base URL, where the provider needs one)
 * @param keyConfigured whether a key is set (false for providers that need none)
 * @param keyWellFormed whether the key has the provider's documented shape (true when none is needed)
 * @param reason why the instance cannot call the provider; null when usable
 */
public record AdapterAnnouncement(String provider, String instance, boolean usable, boolean keyConfigured,
        boolean keyWellFormed, String reason, Instant announcedAt, long ttlMs) {

    /** The record key: one entry per provider and instance. */
    public String key() {
        return provider + "/" + instance;
    }
}
