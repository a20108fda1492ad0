package dev.switchboard.registry.client;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import dev.switchboard.registry.config.RegistryConfig;

/**
 * Asks a provider's adapter which models the provider lists. Each provider may have its own adapter address. A 404
 * (the adapter does not serve the provider) and a 502 (the provider is unreachable) are answers, not faults, so they
 * are neither retried nor counted as failures; only a connection failure is retried once. There is no circuit
 * breaker: refreshes are rare and per provider, and one breaker would let one dead adapter hide the others.
 */
@ApplicationScoped
public class AdapterClient {

    private final RegistryConfig config;
    private final Map<String, AdapterApi> clients = new ConcurrentHashMap<>();

    public AdapterClient(RegistryConfig config) {
        this.config = config;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, retryOn = ProcessingException.class)
    @Fallback(fallbackMethod = "unreachable")
    public AdapterListing list(String provider) {
        try {
            AdapterApi.ModelList list = api(urlFor(provider)).models(provider);
            return AdapterListing.listed(list == null || list.data() == null ? List.of()
                    : list.data().stream().filter(entry -> entry != null && entry.id() != null)
                            .map(AdapterApi.Entry::toListed).toList());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return status == 404
                    ? AdapterListing.notServed("the adapter at " + urlFor(provider) + " does not serve " + provider)
                    : AdapterListing.unreachable("the adapter answered " + status + " for " + provider);
        }
    }

    AdapterListing unreachable(String provider) {
        return AdapterListing.unreachable("the adapter at " + urlFor(provider) + " could not be reached");
    }

    public String urlFor(String provider) {
        return config.adapterUrls().getOrDefault(provider, config.adaptersUrl());
    }

    private AdapterApi api(String url) {
        return clients.computeIfAbsent(url, base -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(base))
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(8, TimeUnit.SECONDS)
                .build(AdapterApi.class));
    }
}
