package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.switchboard.registry.PriceView;

/**
 * A managed key as the admin API shows it: settings, state and spend, never the secret. {@code key} holds the
 * plaintext secret only in the answer that created or rotated it, and is left out everywhere else.
 */
public record KeyView(
        String id,
        String name,
        String team,
        String teamName,
        String keyHint,
        List<String> models,
        BigDecimal maxBudgetUsd,
        String budgetPeriod,
        Integer rpm,
        Long tpm,
        Integer maxParallel,
        Instant expiresAt,
        Map<String, String> metadata,
        boolean revoked,
        Instant revokedAt,
        Instant rotatedAt,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt,
        BigDecimal spendUsd,
        BigDecimal remainingUsd,
        Instant periodStart,
        Instant resetsAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    public static KeyView of(ApiKey key, Team team, Spend spend, String secret) {
        return new KeyView(key.id, key.name, key.team, team == null ? null : team.name, key.secretHint,
                List.copyOf(key.models), PriceView.plain(key.maxBudgetUsd), key.budgetPeriod, key.rpm, key.tpm, key.maxParallel,
                key.expiresAt, Collections.unmodifiableMap(new LinkedHashMap<>(key.metadata)), key.revoked(), key.revokedAt,
                key.rotatedAt, key.createdAt,
                key.updatedAt, key.lastUsedAt, PriceView.plain(spend.spendUsd()), PriceView.plain(spend.remainingUsd()),
                spend.periodStart(),
                spend.resetsAt(), secret);
    }
}
