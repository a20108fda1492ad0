package dev.switchboard.router.governance;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.router.client.LeaseClient;
import dev.switchboard.router.config.GovernanceConfig;
import dev.switchboard.router.config.RouterConfig;

/**
 * This replica's leases, one per scope it has seen calls for, and the one way they are renewed: a scope has at most
 * one request to the registry in flight, which every call waiting on it shares. A tick renews the leases in use before
 * they run out and gives back what idle ones hold; at shutdown it asks to give everything back, and takes nothing again.
 */
@Singleton
public class LeaseKeeper {

    /** How many times one call asks the registry again when others took what the last answer brought. */
    private static final int MAX_ROUNDS = 8;

    private final LeaseClient client;
    private final long callTimeoutMs;
    private final long idleNanos;
    private final String holder;
    private final Map<String, ScopeLease> leases = new ConcurrentHashMap<>();
    private final Map<ScopeLease, Renewal> renewals = new ConcurrentHashMap<>();
    /** Set at shutdown: from then on leases are only given back, so none outlives this process but by its expiry. */
    private volatile boolean closed;

    public LeaseKeeper(LeaseClient client, RouterConfig router, GovernanceConfig config) {
        this.client = client;
        this.callTimeoutMs = router.requestTimeout().toMillis();
        this.idleNanos = config.idleRelease().toNanos();
        // One holder per process run: a restarted replica never inherits what its predecessor held.
        this.holder = "router-" + ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString()
                .substring(0, 8);
    }

    public String holder() {
        return holder;
    }

    /** The lease on this scope, made on first use; its limits follow the key's latest state. */
    ScopeLease lease(String scope, KeyState.Limits limits) {
        ScopeLease lease = leases.computeIfAbsent(scope, s -> new ScopeLease(s, limits, System.nanoTime()));
        if (!lease.limits().equals(limits)) {
            lease.limits(limits);
        }
        return lease;
    }

    /** The lease on this scope if this replica holds one. */
    ScopeLease existing(String scope) {
        return leases.get(scope);
    }

    /** Takes what a call needs from the lease, asking the registry when the lease cannot give it. */
    Uni<Reservation> take(ScopeLease lease, Need need) {
        ScopeLease.Take take = lease.take(need, System.nanoTime());
        return outcome(lease, need, take, 0);
    }

    private Uni<Reservation> outcome(ScopeLease lease, Need need, ScopeLease.Take take, int round) {
        if (take.reservation() != null) {
            return Uni.createFrom().item(take.reservation());
        }
        if (take.shortage() != null || round >= MAX_ROUNDS) {
            return Uni.createFrom().failure(new LeaseShortage(lease,
                    take.shortage() != null ? take.shortage() : new Shortage(Shortage.Kind.UNAVAILABLE, 1_000)));
        }
        // A copy: a caller that leaves must not cancel the renewal other calls wait on too.
        return Uni.createFrom().completionStage(() -> renew(lease, false).copy())
                .chain(() -> outcome(lease, need, lease.takeAfterRenewal(need, System.nanoTime()), round + 1));
    }

    /** The renewal of this lease in flight, or a new one; it completes (never fails) once the lease took the answer. */
    CompletableFuture<Void> renew(ScopeLease lease, boolean release) {
        if (closed && !release) {
            // Shutting down: the lease is not taken again, and a call that waits on it is refused as unavailable.
            return CompletableFuture.completedFuture(null);
        }
        Renewal started = new Renewal(new CompletableFuture<>(), release);
        Renewal running = renewals.putIfAbsent(lease, started);
        if (running != null) {
            // A lease being given back leaves nothing to take: a call that needs it asks again once that is done.
            return running.release() && !release ? running.done().thenCompose(given -> renew(lease, false))
                    : running.done();
        }
        long sent = System.nanoTime();
        LeaseExchange.Scope request = lease.request(sent, release);
        client.lease(new LeaseExchange.Request(holder, callTimeoutMs, List.of(request))).subscribe().with(
                response -> {
                    long now = System.nanoTime();
                    for (LeaseExchange.Granted granted : response.scopes()) {
                        lease.apply(granted, response.ttlMs(), sent, now);
                    }
                    finish(lease, started);
                },
                failure -> {
                    Log.warnf("The registry did not grant the lease on %s: %s", lease.scope, failure.getMessage());
                    lease.unreachable(request, System.nanoTime());
                    finish(lease, started);
                });
        return started.done();
    }

    private void finish(ScopeLease lease, Renewal renewal) {
        renewals.remove(lease, renewal);
        renewal.done().complete(null);
    }

    /** A request to the registry in flight for a lease, and whether it gives the lease back. */
    private record Renewal(CompletableFuture<Void> done, boolean release) {
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        for (ScopeLease lease : leases.values()) {
            // An idle lease gives its share back but stays: what it settled in this period is still its own to account.
            if (lease.idle(now, idleNanos)) {
                renew(lease, true);
            } else if (lease.dueForRenewal(now)) {
                renew(lease, false);
            }
        }
    }

    /**
     * Gives every lease back, so the budget and permits it held are free at once rather than when they lapse. A renewal
     * still in flight is waited for first: giving back must not merely join it, or its answer would keep the lease. The
     * registry's client stays open until this has run ({@link LeaseClient}); a lease the registry cannot be told of
     * lapses on its own, as after a crash.
     */
    void releaseAll(@Observes ShutdownEvent shutdown) {
        closed = true;
        CompletableFuture<Void> none = CompletableFuture.completedFuture(null);
        List<CompletableFuture<Void>> released = leases.values().stream()
                .map(lease -> {
                    Renewal running = renewals.get(lease);
                    return (running == null ? none : running.done()).thenCompose(renewed -> renew(lease, true));
                }).toList();
        try {
            CompletableFuture.allOf(released.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("Not every lease was given back at shutdown (%s); they lapse on their own", e.getMessage());
        }
    }
}
