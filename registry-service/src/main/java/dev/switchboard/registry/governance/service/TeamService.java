package dev.switchboard.registry.governance.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.api.ApiException;
import dev.switchboard.registry.governance.ApiKey;
import dev.switchboard.registry.governance.Team;
import dev.switchboard.registry.governance.TeamView;

/** Teams: create, read, change and delete; a change reaches every router through the team's keys. */
@ApplicationScoped
public class TeamService {

    static final Set<String> FIELDS = Set.of("name", "maxBudgetUsd", "budgetPeriod", "rpm", "tpm", "models", "metadata");

    private final ModelPatterns patterns;
    private final KeyEvents events;
    private final SpendLedger ledger;

    public TeamService(ModelPatterns patterns, KeyEvents events, SpendLedger ledger) {
        this.patterns = patterns;
        this.events = events;
        this.ledger = ledger;
    }

    @Transactional
    public TeamView create(JsonNode json) {
        WriteBody body = WriteBody.of(json, FIELDS);
        Team team = new Team();
        team.id = KeySecrets.newId("team_");
        team.name = body.name("name");
        requireFreeName(team.name, null);
        apply(team, body);
        team.persist();
        flushName(team.name);
        return view(team);
    }

    public List<TeamView> list() {
        return Team.<Team> list("order by name").stream().map(this::view).toList();
    }

    public TeamView get(String id) {
        return view(require(id));
    }

    @Transactional
    public TeamView patch(String id, JsonNode json) {
        Team team = require(id);
        WriteBody body = WriteBody.of(json, FIELDS);
        if (body.has("name")) {
            String name = body.name("name");
            requireFreeName(name, team.id);
            team.name = name;
        }
        apply(team, body);
        team.updatedAt = Instant.now();
        flushName(team.name);
        events.teamChanged(team);
        return view(team);
    }

    @Transactional
    public void delete(String id) {
        Team team = require(id);
        long live = ApiKey.count("team = ?1 and revokedAt is null", team.id);
        if (live > 0) {
            throw new ApiException(409, "team " + team.name + " still has " + live
                    + " live keys; revoke them or move them to another team first", "id", "team_has_keys");
        }
        ApiKey.update("team = null where team = ?1", team.id);
        team.delete();
    }

    static Team require(String id) {
        Team team = Team.findById(id);
        if (team == null) {
            throw new ApiException(404, "no team with id '" + id + "'", "id", "team_not_found");
        }
        return team;
    }

    /** Only fields the body names change, so the same code serves create (all absent = defaults) and patch. */
    private void apply(Team team, WriteBody body) {
        if (body.has("maxBudgetUsd")) {
            team.maxBudgetUsd = body.budget("maxBudgetUsd");
        }
        if (body.has("budgetPeriod")) {
            team.budgetPeriod = body.period("budgetPeriod");
        }
        if (body.has("rpm")) {
            Long rpm = body.positive("rpm", WriteBody.MAX_RPM);
            team.rpm = rpm == null ? null : rpm.intValue();
        }
        if (body.has("tpm")) {
            team.tpm = body.positive("tpm", WriteBody.MAX_TPM);
        }
        if (body.has("models")) {
            List<String> models = body.strings("models");
            patterns.check(models, "models");
            team.models = models;
        }
        if (body.has("metadata")) {
            team.metadata = body.metadata("metadata");
        }
    }

    private static void requireFreeName(String name, String exceptId) {
        if (Team.count("name = ?1 and id <> ?2", name, exceptId == null ? "" : exceptId) > 0) {
            throw new ApiException(409, "a team named '" + name + "' already exists", "name", "name_taken");
        }
    }

    /** Two writers may take the same name at once; the unique index lets one win and the other gets the 409. */
    private static void flushName(String name) {
        try {
            Team.flush();
        } catch (ConstraintViolationException e) {
            throw new ApiException(409, "a team named '" + name + "' already exists", "name", "name_taken");
        }
    }

    private TeamView view(Team team) {
        return TeamView.of(team, ApiKey.count("team = ?1 and revokedAt is null", team.id),
                ledger.of(team.scope(), team.maxBudgetUsd, team.budgetPeriod, Instant.now()));
    }
}
