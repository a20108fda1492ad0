package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A managed API key: its settings and limits, and only a SHA-256 of its secret. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** The id of the key's {@link Team}, or null. */
    public String team;

    @Column(name = "secret_sha256")
    public String secretSha256;

    /** The secret's first and last characters, so an operator can tell keys apart; never enough to use it. */
    @Column(name = "secret_hint")
    public String secretHint;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> models = new ArrayList<>();

    @Column(name = "max_budget_usd")
    public BigDecimal maxBudgetUsd;

    /** {@code daily}, {@code weekly}, {@code monthly} or {@code total}. */
    @Column(name = "budget_period")
    public String budgetPeriod = "total";

    public Integer rpm;

    public Long tpm;

    @Column(name = "max_parallel")
    public Integer maxParallel;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata = new LinkedHashMap<>();

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "created_at")
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    public static List<ApiKey> ofTeam(String teamId) {
        return list("team = ?1 order by name, id", teamId);
    }

    public static boolean liveNameTaken(String name, String exceptId) {
        return count("name = ?1 and revokedAt is null and id <> ?2", name, exceptId == null ? "" : exceptId) > 0;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public String scope() {
        return "key:" + id;
    }
}
