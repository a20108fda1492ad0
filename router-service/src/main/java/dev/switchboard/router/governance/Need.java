package dev.switchboard.router.governance;

import java.math.BigDecimal;

/**
 * What one call (or one attempt) takes from a scope's lease: a request permit and a slot for the call, its worst-case
 * tokens, and the worst-case cost of the attempt.
 */
record Need(long requests, long tokens, BigDecimal usd, int slots) {

    static final Need NOTHING = new Need(0, 0, BigDecimal.ZERO, 0);

    /** Both needs together. */
    Need plus(Need other) {
        return new Need(requests + other.requests, tokens + other.tokens, usd.add(other.usd), slots + other.slots);
    }

    boolean isNothing() {
        return requests == 0 && tokens == 0 && usd.signum() == 0 && slots == 0;
    }
}
