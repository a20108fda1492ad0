package dev.switchboard.router.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.local.Ports;

/** A broker that is away must not hold the caller's thread: the send waits on a thread of its own, then fails. */
class RequestPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishReturnsAtOnceWhileTheBrokerIsAwayAndTheSendFailsLater() throws Exception {
        RequestPublisher publisher = new RequestPublisher("127.0.0.1:" + Ports.free(), JSON);
        try {
            CompletionRequest request = new CompletionRequest("req-broker-away", 1, "mock", "echo",
                    System.currentTimeMillis() + 60_000, "key-id", JSON.createObjectNode().put("model", "mock/echo"));

            long started = System.nanoTime();
            CompletableFuture<Void> sent = publisher.publish(request, 0, null, Map.of());
            long returnedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // Without a broker the producer waits max.block.ms (5 s) for metadata: on the sender thread, not the caller's.
            // The margin below 5 s is for a first call's class loading on a busy machine.
            assertThat(returnedAfter).as("ms until publish returned").isLessThan(4_000);
            assertThat(sent).failsWithin(Duration.ofSeconds(30));
        } finally {
            publisher.close();
        }
    }
}
