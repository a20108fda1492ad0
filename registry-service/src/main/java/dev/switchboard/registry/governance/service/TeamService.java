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

    private final LimitsWriter limits;
    private final KeyEvents events;
    private final SpendLedger ledger;

    public TeamService(LimitsWriter limits, KeyEvents events, SpendLedger ledger) {
        this.limits = limits;
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
        limits.apply(team, body);
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
        limits.apply(team, body);
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
