package dev.switchboard.adapters.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** One provider's connection settings: {@code switchboard.providers.<name>.*}. */
public interface ProviderSettings {

    /** The base URL as the provider's own SDK takes it; unset means the provider's public endpoint. */
    Optional<String> baseUrl();

    /** The provider key; a provider that needs one and has none is disabled. */
    Optional<String> apiKey();

    /** How long one provider call may take, within the request's own deadline. */
    @WithDefault("120s")
    Duration timeout();

    /** The models to offer, when the provider's own model list should not be used as is. */
    Optional<List<String>> models();
}
