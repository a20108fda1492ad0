package dev.switchboard.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Measured figures of one provider and model; {@code model} is the provider-side model id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelStats(String provider, String model, long requests, long successes, long failures, double successRate,
        double latencyP50Ms, double latencyP95Ms) {

    public String key() {
        return provider + "/" + model;
    }
}
