package dev.switchboard.registry.governance.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.registry.Model;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.config.GovernanceConfig;
import dev.switchboard.registry.service.RequestChecks;

/**
 * Checks the {@code models} a key or team may use: {@code provider/model} of a model in the catalog,
 * {@code provider/*} of a known provider, an alias the routers define, or {@code auto}.
 */
@ApplicationScoped
public class ModelPatterns {

    public static final String AUTO = "auto";

    private final GovernanceConfig config;

    public ModelPatterns(GovernanceConfig config) {
        this.config = config;
    }

    public void check(List<String> patterns, String field) {
        for (int i = 0; i < patterns.size(); i++) {
            String problem = problem(patterns.get(i));
            if (problem != null) {
                String at = field + "[" + i + "]";
                throw RequestChecks.badRequest(at + " '" + patterns.get(i) + "' " + problem, at);
            }
        }
    }

    private String problem(String pattern) {
        if (AUTO.equals(pattern) || config.aliases().contains(pattern)) {
            return null;
        }
        int slash = pattern.indexOf('/');
        if (slash <= 0 || slash == pattern.length() - 1) {
            return "is neither provider/model, provider/*, an alias (" + String.join(", ", config.aliases())
                    + ") nor auto";
        }
        String provider = pattern.substring(0, slash);
        String model = pattern.substring(slash + 1);
        if (Provider.findById(provider) == null) {
            return "names an unknown provider; GET /providers lists them";
        }
        if (!"*".equals(model) && Model.findByName(provider, model).isEmpty()) {
            return "is not in the model registry";
        }
        return null;
    }
}
