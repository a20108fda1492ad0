package dev.switchboard.adapters.service;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.logging.Log;

import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.config.AdaptersConfig;
import dev.switchboard.contracts.Providers;

/** The provider clients this process serves, as chosen by {@code switchboard.adapters.enabled}. */
@ApplicationScoped
public class ProviderDirectory {

    private final Map<String, ProviderClient> enabled;

    public ProviderDirectory(AdaptersConfig config, Instance<ProviderClient> clients) {
        Map<String, ProviderClient> available = clients.stream()
                .collect(Collectors.toMap(ProviderClient::provider, Function.identity()));
        for (String name : config.enabled()) {
            if (!Providers.isKnown(name)) {
                throw new IllegalArgumentException("switchboard.adapters.enabled names unknown provider '" + name
                        + "'; known providers: " + String.join(", ", Providers.KNOWN));
            }
            if (!available.containsKey(name)) {
                Log.warnf("Provider %s is enabled, but this adapter has no client for it yet: its requests are refused", name);
            }
        }
        this.enabled = available.entrySet().stream()
                .filter(entry -> config.enabled().contains(entry.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        Log.infof("Serving providers %s", config.enabled());
    }

    public Optional<ProviderClient> client(String provider) {
        return Optional.ofNullable(enabled.get(provider));
    }
}
