package dev.switchboard.router.governance;

/**
 * The give-back side of a {@link ScopeLease}: when calls last used it and how many are still running, so an idle lease
 * gives its share back for the other replicas, and whether it did, so that only the next call takes one again (not a
 * renewal of the lease nobody uses). Not thread-safe: the lease calls it under its own lock.
 */
final class LeaseGiveBack {

    private long lastUsedNanos;
    private int inFlight;
    /** Everything free was given back, and no call has taken anything since. */
    private boolean givenBack;

    LeaseGiveBack(long now) {
        this.lastUsedNanos = now;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    boolean givenBack() {
        return givenBack;
    }

    /** A call asked the lease for something. */
    void used(long now) {
        lastUsedNanos = now;
    }

    /** A call took from the lease: it holds something again. */
    void callStarted() {
        givenBack = false;
        inFlight++;
    }

    void callEnded() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /**
     * A request to the registry leaves: one that gives everything back marks the lease given back; any other takes it
     * again. A give-back the registry does not hear stays given back here (nothing is held any more): the registry's
     * side lapses with the lease's expiry, as after a crash.
     */
    void requested(boolean release) {
        givenBack = release;
    }

    /** Whether no call ran for {@code idleNanos} and none runs, and what the lease holds was not given back yet. */
    boolean idle(long idleNanos, long now) {
        return !givenBack && inFlight == 0 && now - lastUsedNanos > idleNanos;
    }
}
