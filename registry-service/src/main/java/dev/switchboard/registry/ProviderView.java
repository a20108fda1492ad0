package dev.switchboard.registry;

import java.time.Instant;

/** A provider as the API shows it. */
public record ProviderView(String name, String kind, String protocol, String baseUrl, boolean enabled, String status,
        Instant lastSeen) {

    public static ProviderView of(Provider provider) {
        return new ProviderView(provider.name, provider.kind, provider.protocol, provider.baseUrl, provider.enabled,
                provider.status, provider.lastSeen);
    }
}
