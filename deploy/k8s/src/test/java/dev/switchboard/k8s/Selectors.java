package dev.switchboard.k8s;

import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/** Label selectors matched as the API server matches them. */
final class Selectors {

    private Selectors() {
    }

    /** An empty selector matches everything; a missing one, nothing. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return matches(required, labels) && (selector.getMatchExpressions() == null
                || selector.getMatchExpressions().stream().allMatch(requirement -> matches(requirement, labels)));
    }

    /** A Service's or a target's equality selector. */
    static boolean matches(Map<String, String> required, Map<String, String> labels) {
        return required.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        return switch (requirement.getOperator()) {
            case "In" -> value != null && requirement.getValues().contains(value);
            case "NotIn" -> value == null || !requirement.getValues().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
        };
    }
}
