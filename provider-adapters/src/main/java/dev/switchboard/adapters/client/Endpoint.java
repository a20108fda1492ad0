package dev.switchboard.adapters.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.switchboard.adapters.config.ProviderSettings;

/** A provider's settings resolved once: base URL without a trailing slash, key, timeout and model list override. */
public record Endpoint(String provider, String baseUrl, String apiKey, Duration timeout, List<String> models) {

    public static Endpoint of(String provider, ProviderSettings settings, String defaultBaseUrl) {
        String base = settings.baseUrl().filter(url -> !url.isBlank()).orElse(defaultBaseUrl);
        return new Endpoint(provider, base == null ? null : trimSlash(base.trim()),
                settings.apiKey().filter(key -> !key.isBlank()).map(String::trim).orElse(null), settings.timeout(),
                settings.models().orElse(List.of()));
    }

    public Optional<String> key() {
        return Optional.ofNullable(apiKey);
    }

    /** Which setting is missing for the provider to be called (a base URL; a key when one is required), or null. */
    public String disabledReason(boolean keyRequired) {
        if (baseUrl == null) {
            return "no base URL is set (switchboard.providers." + provider + ".base-url)";
        }
        if (keyRequired && apiKey == null) {
            return "no API key is set (switchboard.providers." + provider + ".api-key)";
        }
        return null;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
