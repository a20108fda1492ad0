package dev.switchboard.registry.governance.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.registry.governance.ApiKey;
import dev.switchboard.registry.governance.KeyChange;
import dev.switchboard.registry.governance.Team;

/** Announces key changes; they are published on {@code switchboard.keys} once their transaction has committed. */
@ApplicationScoped
public class KeyEvents {

    private final Event<KeyChange> events;

    public KeyEvents(Event<KeyChange> events) {
        this.events = events;
    }

    public void changed(ApiKey key, String change) {
        Team team = key.team == null ? null : Team.findById(key.team);
        events.fire(new KeyChange(key.id, state(key, team, change)));
    }

    /** Every key of the team again, since each carries the team's limits. */
    public void teamChanged(Team team) {
        for (ApiKey key : ApiKey.ofTeam(team.id)) {
            events.fire(new KeyChange(key.id, state(key, team, KeyState.UPDATED)));
        }
    }

    static KeyState state(ApiKey key, Team team, String change) {
        KeyState.Team teamState = team == null ? null
                : new KeyState.Team(team.id, team.name, List.copyOf(team.models), new KeyState.Limits(team.maxBudgetUsd,
                        BudgetPeriod.of(team.budgetPeriod), team.rpm, team.tpm, null));
        return new KeyState(key.id, key.name, key.secretSha256, change, Instant.now(), key.revoked(), key.expiresAt,
                List.copyOf(key.models), new KeyState.Limits(key.maxBudgetUsd, BudgetPeriod.of(key.budgetPeriod), key.rpm,
                        key.tpm, key.maxParallel),
                teamState);
    }
}
