package dev.switchboard.telemetry.requests;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** The request log's settings ({@code switchboard.telemetry.requests}). */
@ConfigMapping(prefix = "switchboard.telemetry.requests")
public interface RequestLogConfig {

    /**
     * What is masked in bodies before they are stored: a name ({@code api-key}, {@code email}, ...) and a regular
     * expression; each match becomes {@code [masked:<name>]}. Applied to every string in a body, in name order.
     */
    Map<String, String> mask();
}
