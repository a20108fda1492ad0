package dev.switchboard.router.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.client.RegistryClient;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.CatalogChanged;

/**
 * The registry's catalog held in memory, so no call waits on the registry. It is refreshed in the background, at its
 * pace and soon after the registry announces a change; while the registry is unreachable the last known catalog stays
 * in use.
 */
@Singleton
public class ModelCatalog {

    private final RegistryClient registry;
    private final long refreshIntervalNanos;
    private volatile Snapshot snapshot = new Snapshot(List.of());
    private volatile long lastRefresh;
    private volatile boolean stale;

    public ModelCatalog(RegistryClient registry, RouterConfig config) {
        this.registry = registry;
        this.refreshIntervalNanos = config.catalogRefresh().toNanos();
    }

    /**
     * Ticks often so that an empty catalog is filled soon after the registry comes up, and a change is picked up within a
     * tick; otherwise refreshes at its pace.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!isLoaded() || stale || System.nanoTime() - lastRefresh >= refreshIntervalNanos) {
            // Cleared before the fetch, so that a change announced while it runs brings another.
            stale = false;
            refresh();
        }
    }

    /**
     * The registry announced a change: the next tick fetches the catalog again. The registry's answer stays the one
     * source of the catalog, so announcements and fetches can never disagree about a model.
     */
    void markStale(@Observes CatalogChanged change) {
        stale = true;
    }

    public void refresh() {
        try {
            snapshot = new Snapshot(registry.allModels());
        } catch (RuntimeException e) {
            Log.warnf("Registry unreachable, keeping the last known catalog of %d models: %s", snapshot.models.size(),
                    e.getMessage());
        } finally {
            lastRefresh = System.nanoTime();
        }
    }

    /** Refreshes until the catalog has been loaded once or the wait is over; for callers that cannot answer without it. */
    public boolean awaitLoaded(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!isLoaded() && System.nanoTime() < deadline) {
            refresh();
            if (!isLoaded()) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return isLoaded();
    }

    public List<CatalogModel> models() {
        return snapshot.models;
    }

    public boolean isLoaded() {
        return !snapshot.models.isEmpty();
    }

    /** Whether the catalog lists models of this provider; only then can it say a model of it does not exist. */
    public boolean listsProvider(String provider) {
        return snapshot.providers.contains(provider);
    }

    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(snapshot.byId.get(id));
    }

    /** The catalog entries whose provider-side id is exactly this, for names given without a provider. */
    public List<CatalogModel> withModelId(String modelId) {
        return snapshot.models.stream().filter(model -> model.modelId().equals(modelId)).toList();
    }

    /** An immutable view of one fetch, indexed for the lookups the hot path makes. */
    private static final class Snapshot {
        private final List<CatalogModel> models;
        private final Map<String, CatalogModel> byId;
        private final Set<String> providers;

        Snapshot(List<CatalogModel> models) {
            this.models = List.copyOf(models);
            this.byId = models.stream().collect(Collectors.toUnmodifiableMap(CatalogModel::id, Function.identity(),
                    (first, second) -> first));
            this.providers = models.stream().map(CatalogModel::provider).collect(Collectors.toUnmodifiableSet());
        }
    }
}
