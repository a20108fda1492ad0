package dev.switchboard.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reader's live view of {@code switchboard.adapters}: which adapter instances serve which provider now. Each record
 * is taken as it comes (a tombstone removes its instance); an announcement holds for its TTL from the earlier of its
 * timestamp and the time it is read, so one read long after it was sent (at start, from the topic's history) holds
 * only for what is left of it, and an adapter's clock ahead of the reader's cannot stretch it. Safe for one writer and
 * many readers.
 */
public final class AnnouncedAdapters {

    /** Why a provider is not served when no adapter instance announces it. */
    public static final String NOBODY = "no adapter consumes its request topic";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(AdapterAnnouncement announcement, long expiresAtMs) {
    }

    /** Takes one record of the topic: an announcement, or a tombstone (null) for the instance its key names. */
    public void accept(String key, AdapterAnnouncement announcement, long timestampMs) {
        if (key == null) {
            return;
        }
        if (announcement == null) {
            entries.remove(key);
            return;
        }
        long from = Math.min(timestampMs, System.currentTimeMillis());
        entries.put(key, new Entry(announcement, from + announcement.ttlMs()));
    }

    /** Whether a live adapter instance that can call this provider consumes its request topic. */
    public boolean isServed(String provider) {
        long now = System.currentTimeMillis();
        for (Entry entry : entries.values()) {
            if (entry.expiresAtMs() > now && entry.announcement().usable()
                    && provider.equals(entry.announcement().provider())) {
                return true;
            }
        }
        return false;
    }

    /** What the live instances say about this provider. */
    public Status status(String provider) {
        long now = System.currentTimeMillis();
        int usable = 0;
        String reason = NOBODY;
        for (Entry entry : entries.values()) {
            AdapterAnnouncement announcement = entry.announcement();
            if (entry.expiresAtMs() <= now || !provider.equals(announcement.provider())) {
                continue;
            }
            if (announcement.usable()) {
                usable++;
            } else {
                reason = "the adapters that consume its topic cannot call it: " + announcement.reason();
            }
        }
        return new Status(usable > 0, usable, usable > 0 ? null : reason);
    }

    /**
     * A provider's service as announced.
     *
     * @param served whether a live adapter instance can call it
     * @param instances the live instances that can
     * @param reason why it is not served; null when it is
     */
    public record Status(boolean served, int instances, String reason) {
    }
}
