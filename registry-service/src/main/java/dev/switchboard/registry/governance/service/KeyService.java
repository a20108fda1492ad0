package dev.switchboard.registry.governance.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Parameters;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.registry.governance.ApiKey;
import dev.switchboard.registry.governance.KeyView;
import dev.switchboard.registry.governance.Team;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Managed keys: create (the secret is returned once), read, change, revoke and rotate. Every committed change is
 * published on {@code switchboard.keys}, from where each router replica takes it.
 */
@ApplicationScoped
public class KeyService {

    static final Set<String> FIELDS = Set.of("name", "team", "models", "maxBudgetUsd", "budgetPeriod", "rpm", "tpm",
            "maxParallel", "expiresAt", "metadata");

    private final LimitsWriter limits;
    private final KeyEvents events;
    private final SpendLedger ledger;

    public KeyService(LimitsWriter limits, KeyEvents events, SpendLedger ledger) {
        this.limits = limits;
        this.events = events;
        this.ledger = ledger;
    }

    @Transactional
    public KeyView create(JsonNode json) {
        WriteBody body = WriteBody.of(json, FIELDS);
        ApiKey key = new ApiKey();
        key.id = KeySecrets.newId("key_");
        key.name = body.name("name");
        requireFreeName(key.name, null);
        apply(key, body);
        String secret = KeySecrets.newSecret();
        key.secretSha256 = KeySecrets.sha256(secret);
        key.secretHint = KeySecrets.hint(secret);
        key.persist();
        flushName(key.name);
        events.changed(key, KeyState.CREATED);
        return view(key, secret);
    }

    /** Keys in name order, optionally of one team (id or name) or with one name. */
    public List<KeyView> list(String team, String name) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (team != null && !team.isBlank()) {
            Team found = Team.findByIdOrName(team).orElse(null);
            if (found == null) {
                return List.of();
            }
            query.append(" and team = :team");
            parameters.and("team", found.id);
        }
        if (name != null && !name.isBlank()) {
            query.append(" and name = :name");
            parameters.and("name", name);
        }
        return ApiKey.<ApiKey> list(query + " order by name, createdAt", parameters).stream()
                .map(key -> view(key, null)).toList();
    }

    public KeyView get(String id) {
        return view(require(id), null);
    }

    @Transactional
    public KeyView patch(String id, JsonNode json) {
        ApiKey key = requireLive(id);
        WriteBody body = WriteBody.of(json, FIELDS);
        if (body.has("name")) {
            String name = body.name("name");
            requireFreeName(name, key.id);
            key.name = name;
        }
        apply(key, body);
        key.updatedAt = Instant.now();
        flushName(key.name);
        events.changed(key, KeyState.UPDATED);
        return view(key, null);
    }

    /** Revokes the key; revoking it again changes nothing. */
    @Transactional
    public KeyView revoke(String id) {
        ApiKey key = require(id);
        if (!key.revoked()) {
            key.revokedAt = Instant.now();
            key.updatedAt = key.revokedAt;
            events.changed(key, KeyState.REVOKED);
        }
        return view(key, null);
    }

    /** A new secret for the key; the old one stops working as soon as routers see the change. */
    @Transactional
    public KeyView rotate(String id) {
        ApiKey key = requireLive(id);
        String secret = KeySecrets.newSecret();
        key.secretSha256 = KeySecrets.sha256(secret);
        key.secretHint = KeySecrets.hint(secret);
        key.rotatedAt = Instant.now();
        key.updatedAt = key.rotatedAt;
        events.changed(key, KeyState.ROTATED);
        return view(key, secret);
    }

    private void apply(ApiKey key, WriteBody body) {
        Instant now = Instant.now();
        if (body.has("team")) {
            String team = body.text("team");
            key.team = team == null ? null
                    : Team.findByIdOrName(team).map(found -> found.id)
                            .orElseThrow(() -> RequestChecks.badRequest("team '" + team + "' does not exist", "team"));
        }
        limits.apply(key, body);
        if (body.has("maxParallel")) {
            Long parallel = body.positive("maxParallel", WriteBody.MAX_PARALLEL);
            key.maxParallel = parallel == null ? null : parallel.intValue();
        }
        if (body.has("expiresAt")) {
            key.expiresAt = body.futureInstant("expiresAt", now);
        }
    }

    private static ApiKey require(String id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null) {
            throw new ApiException(404, "no key with id '" + id + "'", "id", "key_not_found");
        }
        return key;
    }

    private static ApiKey requireLive(String id) {
        ApiKey key = require(id);
        if (key.revoked()) {
            throw new ApiException(409, "key " + id + " was revoked at " + key.revokedAt + "; create a new one",
                    "id", "key_revoked");
        }
        return key;
    }

    private static void requireFreeName(String name, String exceptId) {
        if (ApiKey.liveNameTaken(name, exceptId)) {
            throw new ApiException(409, "a live key named '" + name + "' already exists", "name", "name_taken");
        }
    }

    /** Two writers may take the same name at once; the unique index lets one win and the other gets the 409. */
    private static void flushName(String name) {
        try {
            ApiKey.flush();
        } catch (ConstraintViolationException e) {
            throw new ApiException(409, "a live key named '" + name + "' already exists", "name", "name_taken");
        }
    }

    private KeyView view(ApiKey key, String secret) {
        Team team = key.team == null ? null : Team.findById(key.team);
        return KeyView.of(key, team, ledger.of(key.scope(), key.maxBudgetUsd, key.budgetPeriod, Instant.now()), secret);
    }
}
