package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** {@code ./switchboard up}'s warm-up, against routers stubbed by HTTP servers that record what they are sent. */
class StackWarmUpTest {

    private Vertx vertx;

    /** What a stubbed router was sent. */
    private record Received(String path, String authorization, String tags, String anthropicVersion, String body) {
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void everyRouterReplicaIsCalledThroughEveryDoorOnTheMockProviderWithTheWarmUpTag() {
        ConcurrentLinkedQueue<Received> first = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Received> second = new ConcurrentLinkedQueue<>();
        List<String> routers = List.of(router(200, first), router(200, second));

        String outcome = StackWarmUp.run(routers, "sk-local", Duration.ofMillis(1_800), line -> {
        });

        assertThat(outcome).matches("warmed up: [1-9][0-9]* calls in [0-9]+ s \\([0-9]+/s\\)");
        for (ConcurrentLinkedQueue<Received> received : List.of(first, second)) {
            assertThat(received).extracting(Received::path).contains("/v1/chat/completions", "/v1/responses",
                    "/v1/messages", "/v1/embeddings");
            assertThat(received).allMatch(call -> call.authorization().equals("Bearer sk-local"))
                    .allMatch(call -> call.tags().equals(StackWarmUp.TAG))
                    .allMatch(call -> call.body().contains("\"model\":\"mock/"));
            assertThat(received).filteredOn(call -> !call.path().equals("/v1/embeddings"))
                    .as("the loopback, which runs the adapters' provider path, once a router answers it")
                    .allMatch(call -> call.body().contains("\"model\":\"mock/loopback\""));
            assertThat(received).filteredOn(call -> call.path().equals("/v1/messages"))
                    .allMatch(call -> "2023-06-01".equals(call.anthropicVersion()));
            assertThat(received).filteredOn(call -> call.path().equals("/v1/chat/completions"))
                    .anyMatch(call -> call.body().contains("\"stream\":true"))
                    .anyMatch(call -> !call.body().contains("\"stream\""));
            assertThat(received).filteredOn(call -> call.path().equals("/v1/embeddings"))
                    .allMatch(call -> call.body().contains("\"model\":\"mock/embed\""));
        }
    }

    @Test
    void aStackThatDoesNotServeTheMockProviderIsNotWarmedUp() {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

        String outcome = StackWarmUp.run(List.of(router(404, received)), "sk-local", Duration.ofSeconds(30),
                line -> {
                });

        assertThat(outcome).startsWith("warm-up skipped: a chat call to mock/loopback or mock/echo did not answer 200");
        assertThat(received).extracting(Received::body).as("one probe of each chat model, nothing more").hasSize(2)
                .anyMatch(body -> body.contains("mock/loopback")).anyMatch(body -> body.contains("mock/echo"));
    }

    @Test
    void adaptersWithoutTheLoopbackAreWarmedOnTheEcho() {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        List<String> lines = new ArrayList<>();

        String outcome = StackWarmUp.run(List.of(router(body -> body.contains("mock/loopback") ? 404 : 200, received)),
                "sk-local", Duration.ofMillis(600), lines::add);

        assertThat(outcome).startsWith("warmed up: ");
        assertThat(lines).anyMatch(line -> line.contains(" on mock/echo and mock/embed"));
        assertThat(received).filteredOn(call -> call.body().contains("mock/loopback")).as("the probe only").hasSize(1);
        assertThat(received).filteredOn(call -> call.body().contains("mock/echo")).hasSizeGreaterThan(1);
    }

    @Test
    void callsAnsweredOtherwiseThan200AreCountedInTheOutcome() {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        // The first call (the probe) is answered; every later one fails.
        String router = router(body -> calls.getAndIncrement() == 0 ? 200 : 503, received);

        String outcome = StackWarmUp.run(List.of(router), "sk-local", Duration.ofMillis(600), line -> {
        });

        assertThat(outcome).matches("warmed up: 0 calls in [0-9]+ s \\(0/s\\), " + (received.size() - 1)
                + " not answered 200");
        assertThat(received.size()).isGreaterThan(1);
    }

    private String router(int status, ConcurrentLinkedQueue<Received> received) {
        return router(body -> status, received);
    }

    /** A stubbed router answering each call with the status given for its body, recording each; returns its base URL. */
    private String router(ToIntFunction<String> status, ConcurrentLinkedQueue<Received> received) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            received.add(new Received(request.path(), request.getHeader("Authorization"),
                    request.getHeader("X-Switchboard-Tags"), request.getHeader("anthropic-version"), body.toString()));
            request.response().setStatusCode(status.applyAsInt(body.toString())).putHeader("Content-Type", "application/json")
                    .end("{}");
        }));
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return "http://127.0.0.1:" + port;
    }
}
