package dev.switchboard.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Measured figures of one provider and model; {@code model} is the provider-side model id. The percentiles are null when
 * no attempt of the window was timed (all cancelled, or counted before telemetry kept latency histograms).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelStats(String provider, String model, long requests, long successes, long failures, double successRate,
        Double latencyP50Ms, Double latencyP95Ms) {

    public String key() {
        return provider + "/" + model;
    }
}
