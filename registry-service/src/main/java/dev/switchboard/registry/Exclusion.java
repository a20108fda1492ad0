package dev.switchboard.registry;

import java.util.List;

/** A constraint of a recommendation request and the models it left out; a model fails every constraint it misses. */
public record Exclusion(String constraint, String reason, List<String> models) {
}
