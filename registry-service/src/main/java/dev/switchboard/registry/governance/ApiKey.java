package dev.switchboard.registry.governance;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A managed API key: its settings and limits, and only a SHA-256 of its secret. */
@Entity
@Table(name = "api_key")
public class ApiKey extends LimitedScope {

    /** The id of the key's {@link Team}, or null. */
    public String team;

    @Column(name = "secret_sha256")
    public String secretSha256;

    /** The secret's first and last characters, so an operator can tell keys apart; never enough to use it. */
    @Column(name = "secret_hint")
    public String secretHint;

    @Column(name = "max_parallel")
    public Integer maxParallel;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "rotated_at")
    public Instant rotatedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<ApiKey> ofTeam(String teamId) {
        return list("team = ?1 order by name, id", teamId);
    }

    public static boolean liveNameTaken(String name, String exceptId) {
        return count("name = ?1 and revokedAt is null and id <> ?2", name, exceptId == null ? "" : exceptId) > 0;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String scope() {
        return "key:" + id;
    }
}
