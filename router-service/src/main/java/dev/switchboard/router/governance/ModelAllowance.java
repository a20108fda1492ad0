package dev.switchboard.router.governance;

import java.util.List;
import java.util.Map;

import dev.switchboard.router.Candidate;

/**
 * Which models a key or team may run on, checked on each candidate after alias and {@code auto} resolution: auto ranks,
 * and fallbacks try, only allowed models. An entry allows a model by name ({@code provider/model}), by provider
 * ({@code provider/*}), or as a member of an alias it names. An empty list allows every model; a list whose only entry is
 * {@code auto} allows every model auto picks and none named directly.
 */
public final class ModelAllowance {

    static final String AUTO = "auto";

    private ModelAllowance() {
    }

    /**
     * Whether an attempt may run on this model.
     *
     * @param auto whether the call asked for {@code model: "auto"}
     */
    public static boolean allows(List<String> patterns, Candidate candidate, Map<String, String> aliases, boolean auto) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        boolean concrete = false;
        for (String pattern : patterns) {
            if (AUTO.equals(pattern)) {
                continue;
            }
            concrete = true;
            if (pattern.equals(candidate.qualified()) || pattern.equals(candidate.provider() + "/*")) {
                return true;
            }
            String members = aliases.get(pattern);
            if (members != null) {
                for (String member : members.split(",")) {
                    if (member.trim().equals(candidate.qualified())) {
                        return true;
                    }
                }
            }
        }
        return auto && !concrete;
    }
}
