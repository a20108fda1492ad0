package dev.switchboard.router.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.router.client.LeaseClient;
import dev.switchboard.router.config.GovernanceConfig;
import dev.switchboard.router.config.RouterConfig;

/**
 * A replica's leases: at shutdown all given back, and none taken again by a later tick or call; an idle lease given back
 * is taken again by the next call only, not by a tick.
 */
class LeaseKeeperTest {

    private static final String SCOPE = "key:k1";
    private static final KeyState.Limits RPM = new KeyState.Limits(null, BudgetPeriod.TOTAL, 60, null, null);

    private final List<LeaseExchange.Scope> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong grants = new AtomicLong();
    private final LeaseKeeper keeper = new LeaseKeeper(new GrantingClient(), config(RouterConfig.class, Duration.ofSeconds(60)),
            config(GovernanceConfig.class, Duration.ofSeconds(5)));

    @Test
    void afterShutdownEveryLeaseIsGivenBackAndNoneIsTakenAgain() {
        ScopeLease lease = keeper.lease(SCOPE, RPM);
        Reservation reservation = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).await().indefinitely();
        lease.finish(reservation, BigDecimal.ZERO, 0L, true);
        int beforeShutdown = sent.size();

        keeper.releaseAll(new ShutdownEvent());
        keeper.tick();
        keeper.tick();
        Reservation late = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).onFailure().recoverWithNull().await()
                .indefinitely();

        List<LeaseExchange.Scope> afterShutdown = sent.subList(beforeShutdown, sent.size());
        assertThat(afterShutdown).as("requests at and after shutdown").isNotEmpty()
                .allSatisfy(request -> assertThat(request.release()).as("a request that gives back").isTrue());
        assertThat(late).as("a call after shutdown takes nothing from a lease given back").isNull();
    }

    @Test
    void anIdleLeaseGivenBackIsTakenAgainOnlyByTheNextCall() {
        // Idle release at zero: a lease no call is using is idle at the next tick.
        LeaseKeeper keeper = new LeaseKeeper(new GrantingClient(), config(RouterConfig.class, Duration.ofSeconds(60)),
                config(GovernanceConfig.class, Duration.ZERO));
        ScopeLease lease = keeper.lease(SCOPE, RPM);
        Reservation reservation = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).await().indefinitely();
        lease.finish(reservation, BigDecimal.ZERO, 0L, true);

        keeper.tick();
        assertThat(sent.get(sent.size() - 1).release()).as("the idle lease gives its share back").isTrue();
        int givenBack = sent.size();
        keeper.tick();
        keeper.tick();
        keeper.tick();
        assertThat(sent.subList(givenBack, sent.size())).as("requests of the ticks after the give-back").isEmpty();

        Reservation next = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).await().indefinitely();
        assertThat(next).as("the next call").isNotNull();
        assertThat(sent.subList(givenBack, sent.size())).as("the next call's request").singleElement()
                .satisfies(request -> assertThat(request.release()).isNull());
    }

    @Test
    void whileTheRegistryCannotBeReachedTheLeaseStillServesWhatItHolds() {
        long now = System.nanoTime();
        ScopeLease lease = new ScopeLease(SCOPE, RPM, now);
        lease.request(now, false);
        lease.apply(new LeaseExchange.Granted(SCOPE, true, null, new LeaseExchange.RateGrant(60, 1L, 3, 57, 0), null,
                null), 10_000, now, now);
        assertThat(lease.take(new Need(1, 0, BigDecimal.ZERO, 0), now).reservation()).isNotNull();

        // A top-up fails: the two permits the lease still holds are served, a call beyond them is refused at once.
        lease.unreachable(lease.request(now, false), now);
        for (int call = 0; call < 2; call++) {
            assertThat(lease.take(new Need(1, 0, BigDecimal.ZERO, 0), now).reservation())
                    .as("a call within what the lease holds").isNotNull();
        }
        ScopeLease.Take beyond = lease.take(new Need(1, 0, BigDecimal.ZERO, 0), now);
        assertThat(beyond.shortage()).as("a call beyond it").isEqualTo(new Shortage(Shortage.Kind.UNAVAILABLE, 1_000));
    }

    @Test
    void aCallThatArrivesWhileTheLeaseIsGivenBackIsServedByANewLease() {
        AnsweredLater registry = new AnsweredLater();
        LeaseKeeper keeper = new LeaseKeeper(registry, config(RouterConfig.class, Duration.ofSeconds(60)),
                config(GovernanceConfig.class, Duration.ofSeconds(5)));
        ScopeLease lease = keeper.lease(SCOPE, RPM);
        var first = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).subscribeAsCompletionStage();
        registry.grant(1);
        lease.finish(first.join(), BigDecimal.ZERO, 0L, true);

        // Idle: the lease is given back, and a call comes in before the registry has answered.
        keeper.renew(lease, true);
        var arriving = keeper.take(lease, new Need(1, 0, BigDecimal.ZERO, 0)).subscribeAsCompletionStage();
        assertThat(registry.requests.get(registry.requests.size() - 1).release()).isTrue();
        registry.grant(0);

        assertThat(registry.requests.get(registry.requests.size() - 1).release()).as("asked again, not to give back")
                .isNull();
        registry.grant(1);
        assertThat(arriving).as("the call that arrived meanwhile").isCompleted();
    }

    /** The registry's lease API, answering when the test says: each answer grants the request permits it is told. */
    private static final class AnsweredLater extends LeaseClient {

        final List<LeaseExchange.Scope> requests = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<LeaseExchange.Response>> pending = new CopyOnWriteArrayList<>();
        private long grants;

        AnsweredLater() {
            super(null, Duration.ofSeconds(2));
        }

        @Override
        public Uni<LeaseExchange.Response> lease(LeaseExchange.Request request) {
            requests.addAll(request.scopes());
            var answer = new CompletableFuture<LeaseExchange.Response>();
            pending.add(answer);
            return Uni.createFrom().completionStage(answer);
        }

        void grant(long permits) {
            LeaseExchange.Scope asked = requests.get(requests.size() - 1);
            pending.remove(0).complete(new LeaseExchange.Response(10_000, List.of(new LeaseExchange.Granted(
                    asked.scope(), true, null,
                    new LeaseExchange.RateGrant(60, permits > 0 ? ++grants : null, permits, 60 - permits, 0), null,
                    null))));
        }
    }

    /** The registry's lease API, answering at once: every permit asked for is granted, usable for 10 s. */
    private final class GrantingClient extends LeaseClient {

        GrantingClient() {
            super(null, Duration.ofSeconds(2));
        }

        @Override
        public Uni<LeaseExchange.Response> lease(LeaseExchange.Request request) {
            sent.addAll(request.scopes());
            List<LeaseExchange.Granted> granted = request.scopes().stream().map(scope -> {
                long want = scope.requests() == null || scope.requests().want() == null ? 0 : scope.requests().want();
                return new LeaseExchange.Granted(scope.scope(), true, null,
                        new LeaseExchange.RateGrant(60, want > 0 ? grants.incrementAndGet() : null, want, 60 - want, 0),
                        null, null);
            }).toList();
            return Uni.createFrom().item(new LeaseExchange.Response(10_000, granted));
        }
    }

    /** A configuration whose every duration is this one: the keeper reads only the request timeout and idle release. */
    private static <T> T config(Class<T> type, Duration duration) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> method.getReturnType() == Duration.class ? duration : null));
    }
}
