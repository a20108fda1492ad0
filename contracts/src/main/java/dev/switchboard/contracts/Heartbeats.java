package dev.switchboard.contracts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A reader's live view of a compacted topic of heartbeats ({@code switchboard.adapters}, {@code switchboard.routers}):
 * the last record of each key, held for its TTL. A record holds from the earlier of its timestamp and the time it is
 * read, so one read long after it was sent (at start, from the topic's history) holds only for what is left of it, and
 * a sender's clock ahead of the reader's cannot stretch it. A tombstone (null) is a goodbye: its key is gone at once.
 * While the reader cannot read the topic (its broker is away), records do not age: a silent broker is not a silent
 * sender. Safe for one writer and many readers.
 *
 * @param <T> the announcement a record holds
 */
public final class Heartbeats<T> {

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    /** Since when the reader has not been able to read the topic; -1 while it reads. */
    private volatile long stalledSinceMs = -1;

    private record Entry<T>(T value, long expiresAtMs) {

        Entry<T> later(long byMs) {
            return new Entry<>(value, expiresAtMs + byMs);
        }

        /** An announcement, not a goodbye, whose time has not run out at {@code nowMs}. */
        boolean holdsAt(long nowMs) {
            return value != null && expiresAtMs > nowMs;
        }
    }

    /** Takes one record: an announcement that holds for {@code ttlMs}, or a goodbye (null) for the key it names. */
    public void accept(String key, T value, long ttlMs, long timestampMs) {
        if (key == null) {
            return;
        }
        if (value == null) {
            entries.put(key, new Entry<>(null, 0));
            return;
        }
        long from = Math.min(timestampMs, System.currentTimeMillis());
        Entry<T> entry = new Entry<>(value, from + ttlMs);
        // A heartbeat the sender's producer held through an outage arrives late with its old timestamp: it says what
        // the sender is, but cannot shorten a life the outage extended.
        entries.merge(key, entry, (old, taken) -> taken.expiresAtMs() >= old.expiresAtMs() ? taken
                : new Entry<>(taken.value(), old.expiresAtMs()));
    }

    /**
     * The reader has not been able to read the topic since this time (it could then): from then on, records do not
     * age, since none could have reached it.
     */
    public void readerStalled(long sinceMs) {
        if (stalledSinceMs < 0) {
            stalledSinceMs = Math.min(sinceMs, System.currentTimeMillis());
        }
    }

    /** The reader reads the topic again: every record lives on for what was left of it when the reader stalled. */
    public void readerReading() {
        long since = stalledSinceMs;
        if (since < 0) {
            return;
        }
        long stalledMs = Math.max(0, System.currentTimeMillis() - since);
        entries.replaceAll((key, entry) -> entry.value() == null ? entry : entry.later(stalledMs));
        stalledSinceMs = -1;
    }

    /** The announcements that hold now. */
    public Stream<T> live() {
        long now = now();
        return entries.values().stream().filter(entry -> entry.holdsAt(now)).map(Entry::value);
    }

    /** Whether an announcement that holds now passes {@code test}, without a stream: a call's router asks this. */
    public boolean anyLive(Predicate<T> test) {
        long now = now();
        for (Entry<T> entry : entries.values()) {
            if (entry.holdsAt(now) && test.test(entry.value())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the key was announced and is gone now: it said goodbye, or its last record's TTL ran out. A key never
     * read is not gone: the reader may not have reached its first record yet.
     */
    public boolean isGone(String key) {
        Entry<T> entry = entries.get(key);
        return entry != null && entry.expiresAtMs() <= now();
    }

    /** The time records are judged at: now, or when the reader stalled. */
    private long now() {
        long since = stalledSinceMs;
        return since < 0 ? System.currentTimeMillis() : since;
    }
}
