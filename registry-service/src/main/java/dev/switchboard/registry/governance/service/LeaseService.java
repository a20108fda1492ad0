package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.switchboard.registry.config.GovernanceConfig;
import dev.switchboard.registry.governance.LeaseRequest;
import dev.switchboard.registry.governance.LeaseResponse;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Grants router replicas slices of each scope's budget, request and token rates and parallel slots, so that no call
 * touches the database: each replica spends from its slices locally and comes back only to renew, top up or return them.
 * Per scope, under the scope's row lock, the invariant is: spend in the period + what every lease may still spend
 * &lt;= budget; permits occupied in the window &lt;= rpm (tpm); slots held &lt;= maxParallel.
 */
@ApplicationScoped
public class LeaseService {

    private static final Pattern SCOPE = Pattern.compile("(key|team):[A-Za-z0-9_-]{1,40}");
    private static final int MAX_SCOPES = 16;
    private static final BigDecimal MAX_USD = new BigDecimal("1000000000000");

    private final LeaseRows rows;
    private final RateGrants rates;
    private final SpendLedger ledger;
    private final GovernanceConfig config;

    public LeaseService(LeaseRows rows, RateGrants rates, SpendLedger ledger, GovernanceConfig config) {
        this.rows = rows;
        this.rates = rates;
        this.ledger = ledger;
        this.config = config;
    }

    @Transactional
    public LeaseResponse lease(LeaseRequest request) {
        check(request);
        Instant now = Instant.now();
        Duration callTime = Duration.ofMillis(Math.min(request.callTimeoutMs() == null ? 0 : request.callTimeoutMs(),
                config.maxCallTimeout().toMillis()));
        // Rows are locked in scope order, so two holders asking for the same scopes never wait on each other in a cycle.
        List<LeaseRequest.Scope> ordered = new ArrayList<>(request.scopes());
        ordered.sort(Comparator.comparing(LeaseRequest.Scope::scope));
        List<LeaseResponse.Scope> granted = new ArrayList<>();
        for (LeaseRequest.Scope scope : ordered) {
            granted.add(scope(request.holder(), scope, now, callTime));
        }
        granted.sort(Comparator.comparingInt(answer -> request.scopes().stream().map(LeaseRequest.Scope::scope).toList()
                .indexOf(answer.scope())));
        return new LeaseResponse(config.leaseTtl().toMillis(), granted);
    }

    private LeaseResponse.Scope scope(String holder, LeaseRequest.Scope ask, Instant now, Duration callTime) {
        ScopeLimits limits = ScopeLimits.lock(ask.scope(), now);
        boolean usable = limits != null && limits.usable();
        boolean release = ask.releasing() || !usable;
        Instant expiresAt = release ? now : now.plus(config.leaseTtl());
        Instant releasedAt = expiresAt.plus(callTime).plus(config.usageGrace());
        LeaseRows.Row row = rows.load(ask.scope(), holder);
        LeaseResponse.Budget budget = null;
        LeaseResponse.Parallel parallel = null;
        LeaseRows.Row next = row;
        if (limits != null && limits.budget() != null && ask.budget() != null) {
            Instant periodStart = limits.period().start(now);
            boolean samePeriod = row != null && row.periodStart().equals(periodStart);
            BigDecimal spentSeen = samePeriod ? row.spent() : BigDecimal.ZERO;
            BigDecimal held = periodStart.equals(ask.budget().periodStart()) ? usd(ask.budget().held()) : BigDecimal.ZERO;
            BigDecimal spend = ledger.spentSince(ask.scope(), limits.period(), now);
            BigDecimal others = rows.othersOutstanding(ask.scope(), holder, periodStart, now);
            BigDecimal cap = limits.budget().subtract(spend).subtract(others).add(spentSeen);
            BigDecimal grant = release ? held : held.max(held.add(usd(ask.budget().want())).min(cap));
            BigDecimal available = limits.budget().subtract(spend).subtract(others)
                    .subtract(grant.subtract(spentSeen).max(BigDecimal.ZERO)).max(BigDecimal.ZERO);
            budget = new LeaseResponse.Budget(limits.budget(), periodStart, limits.period().reset(now), grant, spend,
                    available);
            next = new LeaseRows.Row(periodStart, grant, spentSeen, row == null ? 0 : row.parallel());
        }
        if (limits != null && limits.parallel() != null && ask.parallel() != null) {
            int held = Math.max(0, ask.parallel().held() == null ? 0 : ask.parallel().held());
            int want = Math.max(0, ask.parallel().want() == null ? 0 : ask.parallel().want());
            int others = rows.othersParallel(ask.scope(), holder, now);
            int grant = release ? held : Math.max(held, Math.min(held + want, limits.parallel() - others));
            parallel = new LeaseResponse.Parallel(limits.parallel(), grant);
            next = next == null ? new LeaseRows.Row(limits.period().start(now), BigDecimal.ZERO, BigDecimal.ZERO, grant)
                    : new LeaseRows.Row(next.periodStart(), next.budget(), next.spent(), grant);
        }
        if (next != null) {
            rows.save(ask.scope(), holder, next, expiresAt, releasedAt);
        }
        LeaseResponse.Rate requests = rate(holder, ask.scope(), "requests", limits == null ? null : limits.rpm(),
                ask.requests(), release, now);
        LeaseResponse.Rate tokens = rate(holder, ask.scope(), "tokens", limits == null ? null : limits.tpm(),
                ask.tokens(), release, now);
        return new LeaseResponse.Scope(ask.scope(), usable, budget, requests, tokens, parallel);
    }

    private LeaseResponse.Rate rate(String holder, String scope, String kind, Number limit, LeaseRequest.Rate ask,
            boolean release, Instant now) {
        if (ask == null) {
            return null;
        }
        // A limit that was lifted still lets the holder close its grants; it grants nothing more.
        long bound = limit == null ? 0 : limit.longValue();
        LeaseResponse.Rate granted = rates.grant(scope, holder, kind, bound, ask, release || limit == null, now,
                config.leaseTtl());
        return limit == null ? null : granted;
    }

    private static BigDecimal usd(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value.max(BigDecimal.ZERO);
    }

    private static void check(LeaseRequest request) {
        RequestChecks.body(request);
        RequestChecks.present(request.holder(), "holder");
        RequestChecks.maxLength(request.holder(), 128, "holder");
        if (request.callTimeoutMs() != null && request.callTimeoutMs() < 0) {
            throw RequestChecks.badRequest("callTimeoutMs must be zero or more", "callTimeoutMs");
        }
        if (request.scopes() == null || request.scopes().isEmpty() || request.scopes().size() > MAX_SCOPES) {
            throw RequestChecks.badRequest("scopes must list 1 to " + MAX_SCOPES + " scopes", "scopes");
        }
        Set<String> seen = new HashSet<>();
        for (LeaseRequest.Scope scope : request.scopes()) {
            if (scope == null || scope.scope() == null || !SCOPE.matcher(scope.scope()).matches() || !seen.add(scope.scope())) {
                throw RequestChecks.badRequest("each scope must be key:<id> or team:<id>, once", "scopes");
            }
            if (scope.budget() != null) {
                checkUsd(scope.budget().held(), "budget.held");
                checkUsd(scope.budget().want(), "budget.want");
            }
        }
    }

    private static void checkUsd(BigDecimal value, String param) {
        if (value != null && (value.signum() < 0 || value.compareTo(MAX_USD) >= 0)) {
            throw RequestChecks.badRequest(param + " must be from 0 to " + MAX_USD.toPlainString(), param);
        }
    }
}
