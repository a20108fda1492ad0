package dev.switchboard.adapters.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.Secrets;

/**
 * Checks each enabled provider by listing its models, which costs no tokens, and keeps the result for a while so that
 * frequent health probes do not turn into frequent provider calls.
 */
@Singleton
public class ProviderHealth {

    private static final Duration FRESH = Duration.ofSeconds(30);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final ProviderDirectory directory;
    private final Map<String, ProviderStatus> lastChecks = new ConcurrentHashMap<>();

    public ProviderHealth(ProviderDirectory directory) {
        this.directory = directory;
    }

    public Uni<List<ProviderStatus>> all() {
        List<Uni<ProviderStatus>> checks = new ArrayList<>();
        directory.disabled().forEach((name, reason) -> checks.add(Uni.createFrom().item(
                new ProviderStatus(name, ProviderStatus.DISABLED, reason, Instant.now(), null))));
        directory.served().values().forEach(client -> checks.add(check(client)));
        if (checks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(checks).andCollectFailures()
                .map(statuses -> statuses.stream().sorted((a, b) -> a.provider().compareTo(b.provider())).toList());
    }

    private Uni<ProviderStatus> check(ProviderClient client) {
        ProviderStatus last = lastChecks.get(client.provider());
        if (last != null && last.checkedAt().plus(FRESH).isAfter(Instant.now())) {
            return Uni.createFrom().item(last);
        }
        return client.models()
                .ifNoItem().after(CHECK_TIMEOUT).fail()
                .map(models -> new ProviderStatus(client.provider(), ProviderStatus.UP, null, Instant.now(), models.size()))
                .onFailure().recoverWithItem(failure -> new ProviderStatus(client.provider(), ProviderStatus.DOWN,
                        failure instanceof ProviderException provider ? provider.getMessage()
                                : Secrets.redact(String.valueOf(failure.getMessage())),
                        Instant.now(), null))
                .invoke(status -> lastChecks.put(client.provider(), status));
    }
}
