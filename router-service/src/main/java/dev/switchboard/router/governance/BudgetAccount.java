package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The budget side of a {@link ScopeLease}: what the registry granted this replica for the period, what calls hold of
 * it, and the scope's spend as the registry last told it. Not thread-safe: the lease calls it under its own lock.
 */
final class BudgetAccount {

    private Instant periodStart;
    private Instant resetsAt;
    private BigDecimal granted = BigDecimal.ZERO;
    private BigDecimal held = BigDecimal.ZERO;
    private BigDecimal spendUsd = BigDecimal.ZERO;
    private BigDecimal availableUsd;

    Instant periodStart() {
        return periodStart;
    }

    Instant resetsAt() {
        return resetsAt;
    }

    BigDecimal spendUsd() {
        return spendUsd;
    }

    private BigDecimal free() {
        return granted.subtract(held);
    }

    /** Whether the period the registry granted for is over, so the grant must be renewed before use. */
    boolean periodOver(Instant now) {
        return resetsAt != null && !now.isBefore(resetsAt);
    }

    boolean covers(BigDecimal usd) {
        return free().compareTo(usd) >= 0;
    }

    /** Whether the registry's last answer says the scope has less left than this, for every replica together. */
    boolean beyondRegistry(BigDecimal usd) {
        return availableUsd != null && availableUsd.add(free()).compareTo(usd) < 0;
    }

    /** Less is free than the given amount: time to ask for more before calls wait. */
    boolean below(BigDecimal usd) {
        return free().compareTo(usd) < 0;
    }

    void hold(BigDecimal usd) {
        held = held.add(usd);
    }

    boolean samePeriod(Reservation reservation) {
        return reservation.periodStart() == null ? periodStart == null : reservation.periodStart().equals(periodStart);
    }

    /** A call held {@code reserved} and cost {@code actual}: what it held is replaced by what it cost. */
    void settle(Reservation reservation, BigDecimal actual) {
        if (actual == null || reservation.usd().signum() <= 0 || !samePeriod(reservation)) {
            return;
        }
        held = held.subtract(reservation.usd().subtract(actual.min(reservation.usd()))).max(BigDecimal.ZERO);
        if (actual.compareTo(reservation.usd()) > 0) {
            held = held.add(actual.subtract(reservation.usd()));
        }
    }

    /** Moves a reservation to another price: true when the grant covers the difference. */
    boolean reprice(Reservation reservation, BigDecimal usd) {
        if (!samePeriod(reservation)) {
            return true;
        }
        BigDecimal more = usd.subtract(reservation.usd());
        if (more.signum() > 0 && free().compareTo(more) < 0) {
            return false;
        }
        held = held.add(more).max(BigDecimal.ZERO);
        reservation.usd(usd);
        return true;
    }

    /**
     * The budget part of a lease request: what waits, or the recent pace within a share of the limit; nothing when
     * giving everything back. Until the answer, no more than what this request keeps may be used.
     */
    LeaseExchange.Budget request(BigDecimal waiting, BigDecimal pace, BigDecimal share, boolean release) {
        BigDecimal want = release ? BigDecimal.ZERO
                : waiting.max(pace.setScale(12, RoundingMode.UP).min(share));
        want = want.max(free().negate()).max(BigDecimal.ZERO);
        LeaseExchange.Budget budget = new LeaseExchange.Budget(periodStart, held, want);
        granted = granted.min(held.add(want));
        return budget;
    }

    void apply(LeaseExchange.BudgetGrant budget) {
        if (!budget.periodStart().equals(periodStart)) {
            // A new period: what was held belonged to the last one.
            held = BigDecimal.ZERO;
            periodStart = budget.periodStart();
        }
        resetsAt = budget.resetsAt();
        granted = budget.granted();
        spendUsd = budget.spentUsd();
        availableUsd = budget.availableUsd();
    }

    /** What is left of the scope's budget for every replica together, as far as this replica knows. */
    BigDecimal remaining(BigDecimal maxBudgetUsd) {
        return availableUsd == null ? maxBudgetUsd : availableUsd.add(free()).max(BigDecimal.ZERO);
    }
}
