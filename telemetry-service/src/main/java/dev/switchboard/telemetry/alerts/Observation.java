package dev.switchboard.telemetry.alerts;

/**
 * What a rule measured for one scope at one evaluation: the value, whether it breaches the rule, and a sentence for
 * people. {@code provider} and {@code model} are null when the scope is wider.
 */
public record Observation(String scope, String provider, String model, double value, boolean breaching, String message) {
}
