package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.time.Instant;

import dev.switchboard.contracts.KeyState;

/**
 * This replica's lease on one scope ({@code key:<id>} or {@code team:<id>}): the budget it may reserve from, its open
 * rate grants and its parallel slots, with what calls have taken of them. Calls take from it in memory; it says when
 * it needs the registry ({@link #take}), builds the request ({@link #request}) and takes the answer in ({@link #apply});
 * when to ask is {@link LeaseRenewal}'s part, when to give back {@link LeaseGiveBack}'s. Every method holds the
 * lease's lock, briefly.
 */
final class ScopeLease {

    /** The most of a limit one request asks for, so one replica leaves room for the others. */
    static final double SHARE = 0.1;

    final String scope;
    private KeyState.Limits limits;

    private final BudgetAccount budget = new BudgetAccount();
    final Permits requests = new Permits();
    final Permits tokens = new Permits();
    private int slotsGranted;
    private int slotsInUse;
    /** The slots the last request asked to hold; fewer granted means the registry had no more for anyone. */
    private int slotsAsked;
    private boolean slotsExhausted;

    private final LeaseRenewal renewal;
    private final LeaseGiveBack giveBack;

    ScopeLease(String scope, KeyState.Limits limits, long now) {
        this.scope = scope;
        this.limits = limits;
        this.renewal = new LeaseRenewal(now);
        this.giveBack = new LeaseGiveBack(now);
    }

    /** The result of asking the lease for what a call needs. */
    record Take(Reservation reservation, Shortage shortage) {

        static final Take RENEW = new Take(null, null);

        boolean needsRenewal() {
            return reservation == null && shortage == null;
        }
    }

    synchronized void limits(KeyState.Limits limits) {
        this.limits = limits;
    }

    synchronized KeyState.Limits limits() {
        return limits;
    }

    /**
     * Takes what the call needs, or says why it cannot have it, or that the registry must be asked first ({@link
     * Take#RENEW}, with the need remembered for that request).
     */
    synchronized Take take(Need need, long now) {
        giveBack.used(now);
        boolean budgeted = limits.maxBudgetUsd() != null && need.usd().signum() > 0;
        boolean stale = !renewal.current(now) || budgeted && budget.periodOver(Instant.now());
        if (!stale) {
            Shortage shortage = shortage(need, now);
            if (shortage == null) {
                return new Take(reserve(need, now), null);
            }
            if (renewal.believed(now) && beyondRegistry(shortage.kind(), need, now)) {
                return new Take(null, shortage);
            }
        }
        // Only a call the lease cannot serve from what it holds needs the registry, and waits on it or, while the
        // registry cannot be reached, is refused.
        if (renewal.unreachable(now)) {
            return new Take(null, new Shortage(Shortage.Kind.UNAVAILABLE, 1_000));
        }
        renewal.await(need);
        return Take.RENEW;
    }

    /** After the registry answered (or could not): takes what the call needs, or says which limit is short for good. */
    synchronized Take takeAfterRenewal(Need need, long now) {
        Shortage shortage = !renewal.current(now) ? new Shortage(Shortage.Kind.UNAVAILABLE, 1_000)
                : shortage(need, now);
        if (shortage == null) {
            return new Take(reserve(need, now), null);
        }
        if (renewal.unreachable(now)) {
            return new Take(null, new Shortage(Shortage.Kind.UNAVAILABLE, 1_000));
        }
        if (shortage.kind() == Shortage.Kind.UNAVAILABLE || beyondRegistry(shortage.kind(), need, now)) {
            return new Take(null, shortage);
        }
        renewal.await(need);
        return Take.RENEW;
    }

    private Shortage shortage(Need need, long now) {
        if (need.usd().signum() > 0 && limits.maxBudgetUsd() != null && !budget.covers(need.usd())) {
            return new Shortage(Shortage.Kind.BUDGET, 0);
        }
        if (need.requests() > 0 && limits.rpm() != null && requests.available(now) < need.requests()) {
            return new Shortage(Shortage.Kind.REQUESTS, requests.resetMs);
        }
        if (need.tokens() > 0 && limits.tpm() != null && !tokens.fits(need.tokens(), now)) {
            return new Shortage(Shortage.Kind.TOKENS, tokens.resetMs);
        }
        if (need.slots() > 0 && limits.maxParallel() != null && slotsGranted - slotsInUse < need.slots()) {
            return new Shortage(Shortage.Kind.PARALLEL, 1_000);
        }
        return null;
    }

    /** Whether the registry's last answer, still fresh, says it has no more of this for anyone. */
    private boolean beyondRegistry(Shortage.Kind kind, Need need, long now) {
        return switch (kind) {
            case BUDGET -> budget.beyondRegistry(need.usd());
            case REQUESTS -> requests.remaining + requests.available(now) < need.requests();
            case TOKENS -> tokens.remaining < need.tokens();
            case PARALLEL -> slotsExhausted;
            case UNAVAILABLE -> true;
        };
    }

    private Reservation reserve(Need need, long now) {
        Permits.Grant request = need.requests() > 0 && limits.rpm() != null ? requests.take(need.requests(), now) : null;
        Permits.Grant token = need.tokens() > 0 && limits.tpm() != null ? tokens.take(need.tokens(), now) : null;
        BigDecimal usd = limits.maxBudgetUsd() != null ? need.usd() : BigDecimal.ZERO;
        budget.hold(usd);
        int slots = limits.maxParallel() != null ? need.slots() : 0;
        slotsInUse += slots;
        giveBack.callStarted();
        renewal.took(new Need(need.requests(), need.tokens(), need.usd(), 0));
        return new Reservation(this, budget.periodStart(), request, request == null ? 0 : need.requests(), token,
                token == null ? 0 : need.tokens(), usd, slots);
    }

    /**
     * The call is over: its actual cost and tokens replace what it reserved (null when unknown: the reservation stays
     * spent), and its slot is free. {@code accepted} false gives everything back, its request permit included.
     */
    synchronized void finish(Reservation reservation, BigDecimal actualUsd, Long actualTokens, boolean accepted) {
        giveBack.callEnded();
        slotsInUse = Math.max(0, slotsInUse - reservation.slots());
        if (!accepted) {
            requests.giveBack(reservation.requestGrant(), reservation.requests());
        }
        budget.settle(reservation, accepted ? actualUsd : BigDecimal.ZERO);
        Long spentTokens = accepted ? actualTokens : Long.valueOf(0);
        if (spentTokens != null && reservation.tokenGrant() != null) {
            long unused = reservation.tokens() - spentTokens;
            if (unused > 0) {
                tokens.giveBack(reservation.tokenGrant(), unused);
            } else if (unused < 0) {
                tokens.takeMore(reservation.tokenGrant(), -unused);
            }
        }
    }

    /** Moves an attempt's reservation to another price (a fallback on another model): true when it fits. */
    synchronized boolean repriced(Reservation reservation, BigDecimal usd) {
        return limits.maxBudgetUsd() == null || budget.reprice(reservation, usd);
    }

    /**
     * Whether the lease should be renewed now: calls wait, or it is in use and its time or a grant's is running out,
     * or it runs low. A lease given back for idleness is taken again only by the next call that needs it.
     */
    synchronized boolean dueForRenewal(long now) {
        if (renewal.renewing()) {
            return false;
        }
        if (renewal.callsWaiting()) {
            return true;
        }
        if (giveBack.givenBack() || !renewal.inUse(giveBack.lastUsedNanos(), now)) {
            return false;
        }
        if (renewal.endingSoon(Math.min(requests.earliestEnd(), tokens.earliestEnd()), now)) {
            return true;
        }
        // Low water: less left than a quarter of a lease's worth at the recent pace, so calls do not wait for more.
        double quarter = renewal.quarterAtPace(now);
        Need taken = renewal.takenSince();
        return limits.rpm() != null && requests.available(now) < taken.requests() * quarter
                || limits.tpm() != null && tokens.available(now) < taken.tokens() * quarter
                || limits.maxBudgetUsd() != null && budget.below(taken.usd().multiply(BigDecimal.valueOf(quarter)));
    }

    /** Whether the lease has been idle long enough to give back what it holds, and still holds something. */
    synchronized boolean idle(long now, long idleNanos) {
        return renewal.leased() && !renewal.renewing() && !renewal.callsWaiting() && giveBack.idle(idleNanos, now);
    }

    /** Whether the registry answered this lease within the last {@code nanos}. */
    synchronized boolean answeredWithin(long nanos, long now) {
        return renewal.answeredWithin(nanos, now);
    }

    /** The request to send for this scope, marking the lease as renewing; {@code release} gives everything back. */
    synchronized LeaseExchange.Scope request(long now, boolean release) {
        giveBack.requested(release);
        Need waiting = renewal.waiting();
        Need taken = renewal.takenSince();
        // Enough for what waits and for the pace of the last interval over half a lease, within a share of the limit.
        double horizon = renewal.sent(now);
        LeaseExchange.Budget budgetRequest = limits.maxBudgetUsd() == null ? null
                : budget.request(waiting.usd(), taken.usd().multiply(BigDecimal.valueOf(horizon)),
                        limits.maxBudgetUsd().multiply(BigDecimal.valueOf(SHARE)), release);
        LeaseExchange.Rate rate = limits.rpm() == null ? null
                : requests.request(now, 0, release, waiting.requests(), taken.requests() * horizon, limits.rpm());
        LeaseExchange.Rate tokenRate = limits.tpm() == null ? null
                : tokens.request(now, waiting.tokens(), release, waiting.tokens(), taken.tokens() * horizon,
                        limits.tpm());
        LeaseExchange.Parallel parallel = null;
        if (limits.maxParallel() != null) {
            int want = release ? 0 : Math.max(waiting.slots(), slotsInUse > 0 ? 1 : 0);
            parallel = new LeaseExchange.Parallel(slotsInUse, want);
            slotsAsked = slotsInUse + want;
            slotsGranted = Math.min(slotsGranted, slotsInUse + want);
        }
        return new LeaseExchange.Scope(scope, budgetRequest, rate, tokenRate, parallel, release ? Boolean.TRUE : null);
    }

    /** Takes the registry's answer in; {@code sentNanos} is when the request left, from which the lease is timed. */
    synchronized void apply(LeaseExchange.Granted answer, long ttlMs, long sentNanos, long now) {
        long usableUntil = renewal.answered(ttlMs, answer.usable() && !giveBack.givenBack(), sentNanos, now);
        if (answer.budget() != null) {
            budget.apply(answer.budget());
        }
        requests.apply(answer.requests(), usableUntil);
        tokens.apply(answer.tokens(), usableUntil);
        if (answer.parallel() != null) {
            slotsGranted = answer.parallel().granted();
            // A request that asked for no more (a renewal, a read of the standing) says nothing of what is left.
            slotsExhausted = slotsGranted < slotsAsked;
        }
    }

    /**
     * The registry could not be reached: calls that need more than the lease still holds are refused for a moment, and
     * closures are kept.
     */
    synchronized void unreachable(LeaseExchange.Scope sent, long now) {
        renewal.failed(now);
        if (sent.requests() != null) {
            requests.restoreClosed(sent.requests().close());
        }
        if (sent.tokens() != null) {
            tokens.restoreClosed(sent.tokens().close());
        }
    }

    /** What this replica knows of the scope's budget and rates, for the caller's headers and {@code GET /v1/key}. */
    synchronized Standing standing(long now) {
        BigDecimal remaining = limits.maxBudgetUsd() == null ? null : budget.remaining(limits.maxBudgetUsd());
        return new Standing(limits, budget.spendUsd(), remaining, budget.resetsAt(),
                limits.rpm() == null ? null : requests.remaining + requests.available(now), requests.resetMs,
                limits.tpm() == null ? null : tokens.remaining + tokens.available(now), tokens.resetMs);
    }

    /** A scope's figures as this replica last heard them; a null figure has no limit. */
    record Standing(KeyState.Limits limits, BigDecimal spendUsd, BigDecimal remainingUsd, Instant resetsAt,
            Long remainingRequests, long requestsResetMs, Long remainingTokens, long tokensResetMs) {
    }
}
