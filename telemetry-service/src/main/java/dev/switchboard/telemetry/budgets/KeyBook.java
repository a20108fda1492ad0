package dev.switchboard.telemetry.budgets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.contracts.KeyState;

/**
 * The managed keys as {@code switchboard.keys} last said them, which is how telemetry learns each key's and team's
 * budget: the registry publishes every change there, and the routers read the same records.
 */
@ApplicationScoped
public class KeyBook {

    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

    /** A key's latest state; a tombstone (null) forgets it. */
    public void put(String keyId, KeyState state) {
        if (state == null) {
            keys.remove(keyId);
        } else {
            keys.put(keyId, state);
        }
    }

    /**
     * Every key and every team known, each as a budget scope (with no budget when it has none); a revoked key is a
     * scope of no budget, and a team known only from revoked keys keeps its budget, as they spent in the period too.
     */
    public List<BudgetScope> scopes() {
        List<BudgetScope> scopes = new ArrayList<>();
        Map<String, KeyState.Team> teams = new LinkedHashMap<>();
        List<KeyState> sorted = keys.values().stream().sorted(Comparator.comparing(KeyState::id)).toList();
        for (KeyState key : sorted) {
            KeyState.Limits limits = key.revoked() ? KeyState.Limits.NONE : key.limits();
            scopes.add(BudgetScope.key(key.id(), key.name(), limits));
            if (key.team() != null) {
                if (!key.revoked() || !teams.containsKey(key.team().id())) {
                    teams.put(key.team().id(), key.team());
                }
            }
        }
        teams.forEach((id, team) -> scopes.add(BudgetScope.team(id, team.name(), team.limits())));
        return scopes;
    }
}
