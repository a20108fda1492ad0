package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The registry's lease API ({@code POST /governance/leases}) as the router speaks it; docs/governance.md explains it. */
public final class LeaseExchange {

    private LeaseExchange() {
    }

    public record Request(String holder, long callTimeoutMs, List<Scope> scopes) {
    }

    public record Scope(String scope, Budget budget, Rate requests, Rate tokens, Parallel parallel, Boolean release) {
    }

    public record Budget(Instant periodStart, BigDecimal held, BigDecimal want) {
    }

    public record Rate(List<Closed> close, Long want) {
    }

    public record Closed(Long grant, Long used) {
    }

    public record Parallel(Integer held, Integer want) {
    }

    public record Response(long ttlMs, List<Granted> scopes) {
    }

    public record Granted(String scope, boolean usable, BudgetGrant budget, RateGrant requests, RateGrant tokens,
            ParallelGrant parallel) {
    }

    public record BudgetGrant(BigDecimal limit, Instant periodStart, Instant resetsAt, BigDecimal granted,
            BigDecimal spentUsd, BigDecimal availableUsd) {
    }

    public record RateGrant(long limit, Long grant, long granted, long remaining, long resetMs) {
    }

    public record ParallelGrant(int limit, int granted) {
    }
}
