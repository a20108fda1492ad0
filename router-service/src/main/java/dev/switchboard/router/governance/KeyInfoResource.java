package dev.switchboard.router.governance;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.router.Caller;

/** {@code GET /v1/key}: the calling key's own limits, spend and what remains, so a service can check itself. */
@Path("/v1/key")
@Produces(MediaType.APPLICATION_JSON)
public class KeyInfoResource {

    /** Figures older than this are asked of the registry again before they are shown. */
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final KeyBook keys;
    private final LeaseKeeper leases;

    public KeyInfoResource(KeyBook keys, LeaseKeeper leases) {
        this.keys = keys;
        this.leases = leases;
    }

    @GET
    public Uni<KeyInfo> get(RoutingContext routing) {
        Caller caller = Caller.of(routing);
        KeyState key = keys.byId(caller.keyId()).orElse(null);
        if (key == null) {
            return Uni.createFrom().item(new KeyInfo(caller.keyId(), caller.principal().name(), false, List.of(), null,
                    null, null));
        }
        ScopeLease own = key.limits().any() ? leases.lease("key:" + key.id(), key.limits()) : null;
        ScopeLease team = key.team() != null && key.team().limits().any()
                ? leases.lease("team:" + key.team().id(), key.team().limits())
                : null;
        CompletableFuture<Void> fresh = CompletableFuture.allOf(refreshed(own), refreshed(team));
        return Uni.createFrom().completionStage(fresh).ifNoItem().after(Duration.ofSeconds(3)).recoverWithItem((Void) null)
                .map(ignored -> new KeyInfo(key.id(), key.name(), true, key.models(), key.expiresAt(),
                        scope(own, key.limits()),
                        key.team() == null ? null
                                : new KeyInfo.TeamInfo(key.team().id(), key.team().name(), key.team().models(),
                                        scope(team, key.team().limits()))));
    }

    private CompletableFuture<Void> refreshed(ScopeLease lease) {
        return lease == null || lease.answeredWithin(FRESH_NANOS, System.nanoTime()) ? CompletableFuture.completedFuture(null)
                : leases.renew(lease, false);
    }

    private static KeyInfo.Scope scope(ScopeLease lease, KeyState.Limits limits) {
        if (lease == null) {
            return new KeyInfo.Scope(limits, null, null, null, null, null);
        }
        ScopeLease.Standing standing = lease.standing(System.nanoTime());
        return new KeyInfo.Scope(limits, standing.spendUsd(), standing.remainingUsd(), standing.resetsAt(),
                limits.rpm() == null || standing.remainingRequests() == null ? null
                        : new KeyInfo.Rate(limits.rpm(), Math.min(limits.rpm(), standing.remainingRequests()),
                                standing.requestsResetMs()),
                limits.tpm() == null || standing.remainingTokens() == null ? null
                        : new KeyInfo.Rate(limits.tpm(), Math.min(limits.tpm(), standing.remainingTokens()),
                                standing.tokensResetMs()));
    }
}
