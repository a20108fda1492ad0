package dev.switchboard.router.observability;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.switchboard.contracts.RequestLogLevel;

/**
 * What the request log keeps of each call ({@code switchboard.router.request-log}): {@code off} (nothing: the call
 * still counts in usage), {@code metadata} (no bodies) or {@code full} (the request and answer bodies, masked by
 * telemetry before it stores them), for the deployment and per key.
 */
@ConfigMapping(prefix = "switchboard.router.request-log")
public interface RequestLogConfig {

    /** The level of every call whose key has none of its own. */
    @WithDefault("metadata")
    RequestLogLevel level();

    /** A level per key, by the key's name or id. */
    Map<String, RequestLogLevel> keys();
}
