package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one call took from one scope's lease: its request permit and slot, its worst-case tokens, and the worst-case
 * cost of its current attempt, in the budget period it was taken in. Settled or given back by {@link ScopeLease#finish}.
 */
final class Reservation {

    private final ScopeLease lease;
    private final Instant periodStart;
    private final Permits.Grant requestGrant;
    private final long requests;
    private final Permits.Grant tokenGrant;
    private final long tokens;
    private BigDecimal usd;
    private final int slots;

    Reservation(ScopeLease lease, Instant periodStart, Permits.Grant requestGrant, long requests, Permits.Grant tokenGrant,
            long tokens, BigDecimal usd, int slots) {
        this.lease = lease;
        this.periodStart = periodStart;
        this.requestGrant = requestGrant;
        this.requests = requests;
        this.tokenGrant = tokenGrant;
        this.tokens = tokens;
        this.usd = usd;
        this.slots = slots;
    }

    ScopeLease lease() {
        return lease;
    }

    Instant periodStart() {
        return periodStart;
    }

    Permits.Grant requestGrant() {
        return requestGrant;
    }

    long requests() {
        return requests;
    }

    Permits.Grant tokenGrant() {
        return tokenGrant;
    }

    long tokens() {
        return tokens;
    }

    BigDecimal usd() {
        return usd;
    }

    void usd(BigDecimal usd) {
        this.usd = usd;
    }

    int slots() {
        return slots;
    }
}
