package dev.switchboard.registry.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.switchboard.registry.Provider;
import dev.switchboard.registry.RefreshResult;
import dev.switchboard.registry.RefreshResult.ProviderRefresh;
import dev.switchboard.registry.client.AdapterClient;
import dev.switchboard.registry.client.AdapterListing;

/** Refreshes the catalog from the providers' own model lists, as their adapters report them. */
@ApplicationScoped
public class DiscoveryService {

    private final AdapterClient adapters;
    private final DiscoveryApplier applier;

    public DiscoveryService(AdapterClient adapters, DiscoveryApplier applier) {
        this.adapters = adapters;
        this.applier = applier;
    }

    /** Refreshes the named providers, or every enabled one; the adapters are asked outside any transaction. */
    public RefreshResult refresh(List<String> requested) {
        List<String> names = requested == null || requested.isEmpty()
                ? QuarkusTransaction.requiringNew().call(() -> Provider.listOrdered().stream()
                        .filter(p -> p.enabled).map(p -> p.name).toList())
                : requested;
        if (requested != null) {
            QuarkusTransaction.requiringNew().run(() -> requested.stream().filter(name -> Provider.findById(name) == null)
                    .findFirst().ifPresent(name -> {
                        throw RequestChecks.badRequest("unknown provider '" + name + "'", "provider");
                    }));
        }
        List<ProviderRefresh> results = new ArrayList<>();
        for (String provider : names) {
            AdapterListing listing = adapters.list(provider);
            results.add(applier.apply(provider, adapters.urlFor(provider), listing));
        }
        return new RefreshResult(results,
                results.stream().mapToInt(r -> r.added().size()).sum(),
                results.stream().mapToInt(r -> r.retired().size()).sum(),
                results.stream().mapToInt(r -> r.restored().size()).sum());
    }
}
