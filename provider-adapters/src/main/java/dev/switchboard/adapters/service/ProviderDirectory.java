package dev.switchboard.adapters.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.logging.Log;

import dev.switchboard.adapters.client.KeyFormats;
import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderClients;
import dev.switchboard.adapters.client.Secrets;
import dev.switchboard.adapters.config.AdaptersConfig;
import dev.switchboard.adapters.config.ProvidersConfig;
import dev.switchboard.contracts.Providers;

/**
 * The providers this process serves, as chosen by {@code switchboard.adapters.enabled}, each with its client or the
 * reason it cannot be called, and whether its key is set and well formed. Start-up logs one line per provider, naming
 * it and never its key.
 */
@Singleton
public class ProviderDirectory {

    private final Map<String, ProviderClient> served = new LinkedHashMap<>();
    private final Map<String, String> disabled = new LinkedHashMap<>();
    private final Map<String, Readiness> readiness = new LinkedHashMap<>();

    /**
     * Whether this process can call an enabled provider: a key set where one is needed, in the provider's documented
     * shape. {@code reason} says why not; null when usable.
     */
    public record Readiness(boolean usable, boolean keyConfigured, boolean keyWellFormed, String reason) {
    }

    public ProviderDirectory(AdaptersConfig config, ProviderClients clients, ProvidersConfig providers) {
        for (String name : config.enabled()) {
            if (!Providers.isKnown(name)) {
                throw new IllegalArgumentException("switchboard.adapters.enabled names unknown provider '" + name
                        + "'; known providers: " + String.join(", ", Providers.KNOWN));
            }
            ProviderClient client = clients.all().get(name);
            String reason = client == null ? "this adapter build has no client for it" : client.disabledReason();
            var settings = providers.byName().get(name);
            String key = settings == null ? null : settings.apiKey().map(String::trim).filter(k -> !k.isEmpty()).orElse(null);
            boolean wellFormed = key == null || KeyFormats.plausible(name, key);
            if (reason != null) {
                readiness.put(name, new Readiness(false, key != null, wellFormed, reason));
                disabled.put(name, reason);
                Log.warnf("Provider %s is disabled: %s; its requests are answered with an error", name, reason);
                continue;
            }
            served.put(name, client);
            readiness.put(name, new Readiness(wellFormed, key != null, wellFormed,
                    wellFormed ? null : "the configured key does not have the shape of a " + name + " key"));
            if (!wellFormed) {
                Log.warnf("Provider %s: the configured key %s does not look like a %s key; check the setting", name,
                        Secrets.mask(key), name);
            }
            Log.infof("Provider %s enabled%s", name, key == null ? "" : " with key " + Secrets.mask(key));
        }
    }

    /** Every enabled provider's readiness, by name. */
    public Map<String, Readiness> readiness() {
        return Map.copyOf(readiness);
    }

    public Optional<ProviderClient> client(String provider) {
        return Optional.ofNullable(served.get(provider));
    }

    /** Why an enabled provider cannot be called, or empty when it can (or is not enabled here). */
    public Optional<String> disabledReason(String provider) {
        return Optional.ofNullable(disabled.get(provider));
    }

    public boolean isEnabled(String provider) {
        return served.containsKey(provider) || disabled.containsKey(provider);
    }

    public Map<String, ProviderClient> served() {
        return Map.copyOf(served);
    }

    /** Enabled providers that cannot be called, with the reason. */
    public Map<String, String> disabled() {
        return Map.copyOf(disabled);
    }
}
