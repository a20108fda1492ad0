package dev.switchboard.router.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.switchboard.router.CatalogModel;

/** Reads the whole model catalog from the registry, with a timeout, a retry and a circuit breaker around it. */
@ApplicationScoped
public class RegistryClient {

    private static final int PAGE_SIZE = 1000;

    private final RegistryApi api;

    public RegistryClient(@RestClient RegistryApi api) {
        this.api = api;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 2, delayUnit = ChronoUnit.SECONDS)
    public List<CatalogModel> allModels() {
        List<CatalogModel> models = new ArrayList<>();
        for (int page = 0;; page++) {
            RegistryApi.ModelPage result = api.models(page, PAGE_SIZE);
            models.addAll(result.data());
            if (models.size() >= result.total() || result.data().isEmpty()) {
                return models;
            }
        }
    }
}
