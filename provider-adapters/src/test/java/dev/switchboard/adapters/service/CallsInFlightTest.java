package dev.switchboard.adapters.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * A cancel cuts off the attempt it names, and only while that attempt runs; a router replica's death cuts off the
 * calls it sent, and only those.
 */
class CallsInFlightTest {

    private final CallsInFlight calls = new CallsInFlight();

    @Test
    void cancelFailsAWaitingCallAndCancelsItsSource() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        Uni<String> never = Uni.createFrom().<String> nothing().onCancellation().invoke(() -> sourceCancelled.set(true));
        UniAssertSubscriber<String> subscriber = calls.track("req-1", 2, null, never, Context.empty())
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(calls.cancel("req-1", 1)).as("another attempt of the same request").isFalse();
        assertThat(calls.cancel("req-1", 2)).isTrue();

        subscriber.assertFailedWith(CallsInFlight.CallCancelled.class);
        assertThat(sourceCancelled).isTrue();
        assertThat(calls.size()).isZero();
    }

    @Test
    void cancelStopsAStreamAfterWhatItAlreadyGave() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        Multi<Long> endless = Multi.createFrom().ticks().every(Duration.ofMillis(10))
                .onCancellation().invoke(() -> sourceCancelled.set(true));
        AssertSubscriber<Long> subscriber = calls.track("req-2", 1, null, endless, Context.empty())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitItems(2);

        assertThat(calls.cancel("req-2", 1)).isTrue();

        subscriber.awaitFailure().assertFailedWith(CallsInFlight.CallCancelled.class);
        assertThat(sourceCancelled).isTrue();
        assertThat(calls.size()).isZero();
    }

    @Test
    void aFinishedCallCannotBeCancelled() {
        calls.track("req-3", 1, null, Uni.createFrom().item("done"), Context.empty()).subscribe()
                .withSubscriber(UniAssertSubscriber.create())
                .assertItem("done");

        assertThat(calls.cancel("req-3", 1)).isFalse();
        assertThat(calls.size()).isZero();
    }

    @Test
    void theCallsOfAReplicaThatIsGoneAreCutOffAndOnlyThose() {
        UniAssertSubscriber<String> orphan = calls.track("req-4", 1, "router-a", Uni.createFrom().<String> nothing(),
                Context.empty()).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> kept = calls.track("req-5", 1, "router-b", Uni.createFrom().<String> nothing(),
                Context.empty()).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<String> unnamed = calls.track("req-6", 1, null, Uni.createFrom().<String> nothing(),
                Context.empty()).subscribe().withSubscriber(UniAssertSubscriber.create());

        assertThat(calls.cancelOrphans("router-a"::equals)).isEqualTo(1);

        orphan.assertFailedWith(CallsInFlight.CallCancelled.class, "router replica router-a is gone");
        kept.assertNotTerminated();
        unnamed.assertNotTerminated();
        assertThat(calls.size()).isEqualTo(2);
    }
}
