package dev.switchboard.telemetry.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;

/**
 * Reads models and prices from the registry with a timeout, a retry and a circuit breaker. An unknown model is an
 * answer, not a failure, so it never trips the breaker; when the registry cannot be reached the answer says so.
 */
@ApplicationScoped
public class RegistryClient {

    private static final int PAGE_SIZE = 1000;

    private final RegistryApi api;
    private final RegistryPricesApi prices;
    private final RegistryGovernanceApi governance;

    public RegistryClient(@RestClient RegistryApi api, @RestClient RegistryPricesApi prices,
            @RestClient RegistryGovernanceApi governance) {
        this.api = api;
        this.prices = prices;
        this.governance = governance;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "modelUnavailable")
    public ModelLookup model(String provider, String modelId) {
        try {
            return ModelLookup.found(api.model(PathSegments.encode(provider), PathSegments.encode(modelId)));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return ModelLookup.notFound();
            }
            throw e;
        }
    }

    ModelLookup modelUnavailable(String provider, String modelId, Throwable failure) {
        Log.debugf("Registry unavailable for %s/%s: %s", provider, modelId, failure.toString());
        return ModelLookup.registryUnavailable();
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "catalogUnavailable")
    public Optional<List<RegistryModel>> allModels() {
        List<RegistryModel> models = new ArrayList<>();
        for (int page = 0;; page++) {
            RegistryApi.ModelPage result = api.models(page, PAGE_SIZE);
            models.addAll(result.data());
            if (models.size() >= result.total() || result.data().isEmpty()) {
                return Optional.of(models);
            }
        }
    }

    Optional<List<RegistryModel>> catalogUnavailable(Throwable failure) {
        Log.debugf("Registry catalog unavailable: %s", failure.toString());
        return Optional.empty();
    }

    /** The price rows set since then (corrections among them), or empty when the registry cannot be reached. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "priceChangesUnavailable")
    public Optional<List<RegistryPriceChange>> priceChanges(Instant since) {
        List<RegistryPriceChange> changes = prices.setSince(since.toString());
        return Optional.of(changes == null ? List.of() : changes);
    }

    Optional<List<RegistryPriceChange>> priceChangesUnavailable(Instant since, Throwable failure) {
        Log.debugf("Registry price changes unavailable: %s", failure.toString());
        return Optional.empty();
    }

    /** The price drifts the registry's catalog sync found since then, or empty when the registry cannot be reached. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "driftUnavailable")
    public Optional<List<RegistryDrift>> drift(Instant since) {
        List<RegistryDrift> drifts = prices.drift(since.toString());
        return Optional.of(drifts == null ? List.of() : drifts);
    }

    Optional<List<RegistryDrift>> driftUnavailable(Instant since, Throwable failure) {
        Log.debugf("Registry price drift unavailable: %s", failure.toString());
        return Optional.empty();
    }

    /**
     * Every budgeted key's and team's settled spend in the period that holds {@code at}, by scope, or empty when the
     * registry cannot be reached.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "settledSpendUnavailable")
    public Optional<Map<String, RegistrySpend>> settledSpend(Instant at) {
        List<RegistrySpend> spend = governance.spend(at.toString());
        return Optional.of(spend == null ? Map.of()
                : spend.stream().collect(Collectors.toMap(RegistrySpend::scope, Function.identity(), (a, b) -> a)));
    }

    Optional<Map<String, RegistrySpend>> settledSpendUnavailable(Instant at, Throwable failure) {
        Log.debugf("Registry spend unavailable: %s", failure.toString());
        return Optional.empty();
    }
}
