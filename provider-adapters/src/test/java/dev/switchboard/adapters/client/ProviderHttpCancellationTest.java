package dev.switchboard.adapters.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpServer;
import io.vertx.mutiny.core.Vertx;

/**
 * Cancelling a provider call closes its connection, so that the provider sees its client go; a provider that streams
 * forever, or answers late, shows it here. The reset's own failure must not surface as an error once nobody listens.
 */
class ProviderHttpCancellationTest {

    private final Vertx vertx = Vertx.vertx();
    private final ProviderHttp http = new ProviderHttp(vertx, new ErrorClassifier(ProviderTestSupport.MAPPER));
    private final CompletableFuture<Void> connectionClosed = new CompletableFuture<>();
    private final CompletableFuture<Void> requestArrived = new CompletableFuture<>();
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();
    private HttpServer provider;

    @BeforeEach
    void startProvider() throws Exception {
        Infrastructure.setDroppedExceptionHandler(dropped::add);
        provider = vertx.getDelegate().createHttpServer().requestHandler(request -> {
            request.connection().closeHandler(ignored -> connectionClosed.complete(null));
            requestArrived.complete(null);
            if (request.path().endsWith("/stream")) {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                // One event every 50 ms, without end, as long as the connection lasts.
                vertx.getDelegate().setPeriodic(50, timer -> {
                    if (request.response().closed()) {
                        vertx.getDelegate().cancelTimer(timer);
                    } else {
                        request.response().write("data: {\"n\":1}\n\n");
                    }
                });
            }
            // Otherwise the answer never comes.
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        Infrastructure.resetDroppedExceptionHandler();
        http.close();
        vertx.closeAndAwait();
    }

    @RepeatedTest(10)
    void cancellingAStreamClosesItsConnection() throws Exception {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Cancellable subscription = http.lines(call("/stream")).subscribe().with(firstLine::complete,
                firstLine::completeExceptionally);
        assertThat(firstLine.get(10, TimeUnit.SECONDS)).startsWith("data:");
        assertThat(connectionClosed).isNotDone();

        subscription.cancel();

        connectionClosed.get(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(dropped).isEmpty();
    }

    @RepeatedTest(10)
    void cancellingAWaitForAWholeAnswerClosesItsConnection() throws Exception {
        Cancellable subscription = http.send(call("/late")).subscribe().with(answer -> {
        }, failure -> {
        });
        requestArrived.get(10, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(connectionClosed).isNotDone();

        subscription.cancel();

        connectionClosed.get(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertThat(dropped).isEmpty();
    }

    private HttpCall call(String path) {
        return HttpCall.postJson("openai", "http://127.0.0.1:" + provider.actualPort() + path,
                Map.of("Content-Type", "application/json"), "{}".getBytes(), Duration.ofSeconds(60));
    }
}
