package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.LockModeType;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.registry.governance.ApiKey;
import dev.switchboard.registry.governance.Team;

/**
 * The limits of one scope ({@code key:<id>} or {@code team:<id>}), read with its row locked so that leases of the same
 * scope are granted one after another; {@code usable} is false for a revoked or expired key.
 */
record ScopeLimits(BigDecimal budget, BudgetPeriod period, Integer rpm, Long tpm, Integer parallel, boolean usable) {

    static final String KEY = "key:";
    static final String TEAM = "team:";

    /** The scope's limits, its row locked until the transaction ends; null when there is no such key or team. */
    static ScopeLimits lock(String scope, Instant now) {
        if (scope.startsWith(KEY)) {
            ApiKey key = ApiKey.findById(scope.substring(KEY.length()), LockModeType.PESSIMISTIC_WRITE);
            return key == null ? null
                    : new ScopeLimits(key.maxBudgetUsd, BudgetPeriod.of(key.budgetPeriod), key.rpm, key.tpm,
                            key.maxParallel, !key.revoked() && (key.expiresAt == null || now.isBefore(key.expiresAt)));
        }
        if (scope.startsWith(TEAM)) {
            Team team = Team.findById(scope.substring(TEAM.length()), LockModeType.PESSIMISTIC_WRITE);
            return team == null ? null
                    : new ScopeLimits(team.maxBudgetUsd, BudgetPeriod.of(team.budgetPeriod), team.rpm, team.tpm, null,
                            true);
        }
        return null;
    }
}
