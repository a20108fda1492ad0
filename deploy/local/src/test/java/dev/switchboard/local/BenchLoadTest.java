package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/** The benchmark's own parts: the stub answers like OpenAI, the load generator counts what it sends, CPU is read. */
class BenchLoadTest {

    private static Vertx vertx;
    private static OpenAiStub stub;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        stub = new OpenAiStub(vertx);
    }

    @AfterAll
    static void stop() {
        stub.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theStubAnswersAChatCompletionAndListsItsModel() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> completion = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/nothing")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(completion.statusCode()).isEqualTo(200);
        assertThat(completion.body()).contains("\"object\":\"chat.completion\"", "\"total_tokens\":6");
        assertThat(models.body()).contains("\"id\":\"gpt-4o-mini\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aFixedRateSendsThatManyRequestsAndRecordsEachLatency() {
        LoadGenerator load = new LoadGenerator(vertx, stub.baseUrl() + "/chat/completions", "unused");

        LoadGenerator.Result result = load.fixedRate(200, Duration.ofSeconds(1));

        assertThat(result.ok() + result.errors()).isEqualTo(200);
        assertThat(result.errors()).isZero();
        assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.p99());
    }

    @Test
    void closedLoopCallersKeepSendingUntilTheTimeIsUp() {
        LoadGenerator load = new LoadGenerator(vertx, stub.baseUrl() + "/chat/completions", "unused");

        LoadGenerator.Result result = load.maxThroughput(4, Duration.ofMillis(500));

        assertThat(result.ok()).isGreaterThan(4);
        assertThat(result.errors()).isZero();
        assertThat(result.perSecond()).isPositive();
    }

    @Test
    void errorsAreCountedNotTimed() {
        LoadGenerator load = new LoadGenerator(vertx, stub.baseUrl() + "/missing", "unused");

        LoadGenerator.Result result = load.fixedRate(50, Duration.ofMillis(200));

        assertThat(result.ok()).isZero();
        assertThat(result.errors()).isEqualTo(10);
    }

    @Test
    void aProcessCpuTimeIsReadFromProc() {
        long spent = CpuUsage.processNanos(ProcessHandle.current().pid());

        assertThat(spent).isPositive();
        assertThat(CpuUsage.processNanos(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
