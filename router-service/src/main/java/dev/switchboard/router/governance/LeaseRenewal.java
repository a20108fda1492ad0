package dev.switchboard.router.governance;

import java.util.concurrent.TimeUnit;

/**
 * The renewal side of a {@link ScopeLease}: how long the registry's last answer holds, whether a request is in flight,
 * what waiting calls need and the pace of traffic since the last request, from which the lease knows when to ask again
 * and how much for. Not thread-safe: the lease calls it under its own lock.
 */
final class LeaseRenewal {

    /** How long the registry's word that a limit has no more to give is believed before asking again. */
    static final long EXHAUSTED_BELIEVED_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long an unreachable registry is not asked again. */
    static final long UNREACHABLE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private boolean leased;
    private long expiresAtNanos;
    private long answeredAtNanos = Long.MIN_VALUE;
    private long unreachableUntilNanos = Long.MIN_VALUE;
    private long ttlNanos = TimeUnit.SECONDS.toNanos(10);
    private boolean renewing;

    /** What waiting calls need, so the next request asks for it. */
    private Need waiting = Need.NOTHING;
    /** What calls took since the last request, to size the next one by the pace of traffic. */
    private Need takenSince = Need.NOTHING;
    private long takenSinceNanos;

    LeaseRenewal(long now) {
        this.takenSinceNanos = now;
    }

    boolean leased() {
        return leased;
    }

    /** Whether the registry has answered and its answer has not run out. */
    boolean current(long now) {
        return leased && now < expiresAtNanos;
    }

    boolean renewing() {
        return renewing;
    }

    boolean callsWaiting() {
        return !waiting.isNothing();
    }

    Need waiting() {
        return waiting;
    }

    Need takenSince() {
        return takenSince;
    }

    /** A call needs more than the lease holds: the next request asks for it. */
    void await(Need need) {
        waiting = waiting.plus(need);
    }

    /** A call took this from the lease. */
    void took(Need need) {
        takenSince = takenSince.plus(need);
    }

    /** Whether the registry's last answer is fresh enough to believe that a limit has no more for anyone. */
    boolean believed(long now) {
        return now - answeredAtNanos < EXHAUSTED_BELIEVED_NANOS;
    }

    boolean answeredWithin(long nanos, long now) {
        return leased && now - answeredAtNanos < nanos;
    }

    /** Whether the registry could not be reached a moment ago, so it is not asked again yet. */
    boolean unreachable(long now) {
        return unreachableUntilNanos > now;
    }

    /** Whether calls used the lease within its time to live, so it is worth keeping. */
    boolean inUse(long lastUsedNanos, long now) {
        return leased && now - lastUsedNanos <= ttlNanos;
    }

    /** Whether the lease, or a grant that ends at {@code earliestGrantEnd}, runs out within half a lease. */
    boolean endingSoon(long earliestGrantEnd, long now) {
        long soon = now + ttlNanos / 2;
        return expiresAtNanos < soon || earliestGrantEnd < soon;
    }

    /** A quarter of a lease's time as a share of the time since the last request: the low-water factor. */
    double quarterAtPace(long now) {
        return (double) (ttlNanos / 4) / Math.max(1, now - takenSinceNanos);
    }

    /**
     * A request is sent: returns how many times the interval since the last one fits in half a lease (the horizon the
     * recent pace is asked for), and starts counting the pace and the waiting anew.
     */
    double sent(long now) {
        renewing = true;
        double horizon = (double) (ttlNanos / 2) / Math.max(1, now - takenSinceNanos);
        takenSince = Need.NOTHING;
        takenSinceNanos = now;
        waiting = Need.NOTHING;
        return horizon;
    }

    /**
     * The registry answered a request sent at {@code sentNanos}: the lease is usable for its time to live from then, or
     * ends now when it was not granted. Returns when it ends.
     */
    long answered(long ttlMs, boolean usable, long sentNanos, long now) {
        renewing = false;
        leased = true;
        answeredAtNanos = now;
        ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMs);
        expiresAtNanos = usable ? sentNanos + ttlNanos : now;
        return expiresAtNanos;
    }

    /** The registry could not be reached: it is not asked again for a moment. */
    void failed(long now) {
        renewing = false;
        unreachableUntilNanos = now + UNREACHABLE_PAUSE_NANOS;
    }
}
