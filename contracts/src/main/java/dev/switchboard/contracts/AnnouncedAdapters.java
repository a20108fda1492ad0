package dev.switchboard.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reader's live view of {@code switchboard.adapters}: which adapter instances serve which provider now. Each record
 * is taken as it comes (a tombstone removes its instance); an announcement holds for its TTL from the earlier of its
 * timestamp and the time it is read, so one read long after it was sent (at start, from the topic's history) holds
 * only for what is left of it, and an adapter's clock ahead of the reader's cannot stretch it. While the reader cannot
 * read the topic (its broker is away), announcements do not age: a silent broker is not a silent adapter. Safe for one
 * writer and many readers.
 */
public final class AnnouncedAdapters {

    /** Why a provider is not served when no adapter instance announces it. */
    public static final String NOBODY = "no adapter consumes its request topic";

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Since when the reader has not been able to read the topic; -1 while it reads. */
    private volatile long stalledSinceMs = -1;

    private record Entry(AdapterAnnouncement announcement, long expiresAtMs) {

        Entry later(long byMs) {
            return new Entry(announcement, expiresAtMs + byMs);
        }
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
        Entry entry = new Entry(announcement, from + announcement.ttlMs());
        // A heartbeat an adapter's producer held through an outage arrives late with its old timestamp: it says what
        // the instance serves, but cannot shorten a life the outage extended.
        entries.merge(key, entry, (old, taken) -> taken.expiresAtMs() >= old.expiresAtMs() ? taken
                : new Entry(taken.announcement(), old.expiresAtMs()));
    }

    /**
     * The reader has not been able to read the topic since this time (it could then): from then on, announcements do
     * not age, since none could have reached it.
     */
    public void readerStalled(long sinceMs) {
        if (stalledSinceMs < 0) {
            stalledSinceMs = Math.min(sinceMs, System.currentTimeMillis());
        }
    }

    /** The reader reads the topic again: every announcement lives on for what was left of it when the reader stalled. */
    public void readerReading() {
        long since = stalledSinceMs;
        if (since < 0) {
            return;
        }
        long stalledMs = Math.max(0, System.currentTimeMillis() - since);
        entries.replaceAll((key, entry) -> entry.later(stalledMs));
        stalledSinceMs = -1;
    }

    /** The time announcements are judged at: now, or when the reader stalled. */
    private long now() {
        long since = stalledSinceMs;
        return since < 0 ? System.currentTimeMillis() : since;
    }

    /** Whether a live adapter instance that can call this provider consumes its request topic. */
    public boolean isServed(String provider) {
        long now = now();
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
        long now = now();
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
