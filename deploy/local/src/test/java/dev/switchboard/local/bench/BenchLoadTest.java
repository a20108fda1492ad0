package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        LoadGenerator load = new LoadGenerator(vertx, Call.chatCompletion(stubTarget()));

        LoadGenerator.Result result = load.fixedRate(200, Duration.ofSeconds(1));

        assertThat(result.ok() + result.errors()).isEqualTo(200);
        assertThat(result.errors()).isZero();
        assertThat(result.p50()).isPositive().isLessThanOrEqualTo(result.p99());
    }

    @Test
    void closedLoopCallersKeepSendingUntilTheTimeIsUp() {
        LoadGenerator load = new LoadGenerator(vertx, Call.chatCompletion(stubTarget()));

        LoadGenerator.Result result = load.maxThroughput(4, Duration.ofMillis(500));

        assertThat(result.ok()).isGreaterThan(4);
        assertThat(result.errors()).isZero();
        assertThat(result.perSecond()).isPositive();
    }

    @Test
    void errorsAreCountedNotTimed() {
        LoadGenerator load = new LoadGenerator(vertx, Call.post(stubTarget(), "/v1/missing", "{}"));

        LoadGenerator.Result result = load.fixedRate(50, Duration.ofMillis(200));

        assertThat(result.ok()).isZero();
        assertThat(result.errors()).isEqualTo(10);
    }

    @Test
    void resultsOfRunsAreMergedWithPercentilesOverEveryLatency() {
        LoadGenerator.Result fast = new LoadGenerator.Result(new long[] { 1_000_000, 2_000_000 }, 1, 1_000_000_000L);
        LoadGenerator.Result slow = new LoadGenerator.Result(new long[] { 3_000_000, 4_000_000 }, 0, 1_000_000_000L);

        LoadGenerator.Result merged = LoadGenerator.Result.merge(List.of(slow, fast));

        assertThat(merged.ok()).isEqualTo(4);
        assertThat(merged.errors()).isEqualTo(1);
        assertThat(merged.perSecond()).isEqualTo(2.0);
        assertThat(merged.p50()).isEqualTo(2.0);
        assertThat(merged.p99()).isEqualTo(4.0);
        assertThat(merged.summary()).isEqualTo("2 requests/s, p50 2.00 ms, p99 4.00 ms, errors 1");
    }

    @Test
    void aProcessCpuTimeAndResidentMemoryAreReadFromProc() {
        long pid = ProcessHandle.current().pid();

        long alone = ProcessStats.cpuNanos(pid);
        assertThat(alone).isPositive();
        assertThat(ProcessStats.cpuNanos(Long.MAX_VALUE)).isEqualTo(-1);
        // Read after the single figure: CPU time only grows, so the sum over the list can be no smaller.
        assertThat(ProcessStats.cpuNanos(List.of(pid, Long.MAX_VALUE))).isGreaterThanOrEqualTo(alone);
        assertThat(ProcessStats.residentKb(pid)).isGreaterThan(10_000);
        assertThat(ProcessStats.residentKb(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void theTimeOfAChildThatEndedCountsInItsParentsCpuTime() throws Exception {
        // The parent shell waits for a child that counts for about a quarter of a second of CPU, says so, then idles.
        Process parent = new ProcessBuilder("sh", "-c",
                "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; echo ended; exec sleep 30").start();
        try (BufferedReader output = parent.inputReader()) {
            assertThat(output.readLine()).isEqualTo("ended");

            assertThat(ProcessStats.cpuNanos(parent.pid())).isGreaterThan(Duration.ofMillis(100).toNanos());
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aPhaseIsServedWhenItsCallIsAnswered200AndNotWhenItIsNeverOrItsSetUpFails() {
        LoadGenerator answered = new LoadGenerator(vertx, Call.chatCompletion(stubTarget()));
        LoadGenerator missing = new LoadGenerator(vertx, Call.post(stubTarget(), "/v1/absent", "{}"));
        try {
            assertThat(ServedPhases.refusal(() -> answered)).isNull();
            assertThat(ServedPhases.refusal(() -> missing)).isEqualTo("no call of 3 answered 200");
            assertThat(ServedPhases.refusal(() -> {
                throw new IllegalStateException("no managed key was made: 404");
            })).isEqualTo("no managed key was made: 404");
        } finally {
            answered.close();
            missing.close();
        }
    }

    @Test
    void aSideIsMeasuredOnThePhasesItServesAndNotAtAllWithoutThePlainOne() {
        BenchPhase plain = BenchPhase.router("plain", BenchPhase.Load.perSecond(10));
        BenchPhase absent = BenchPhase.router("absent", BenchPhase.Load.perSecond(10))
                .calling(target -> Call.post(target, "/v1/absent", "{}"));
        BenchPhase floor = BenchPhase.stub("floor", BenchPhase.Load.perSecond(10));
        Map<String, String> notServed = new LinkedHashMap<>();
        List<LoadGenerator> made = new ArrayList<>();
        Function<BenchPhase, LoadGenerator> generator = phase -> {
            LoadGenerator load = new LoadGenerator(vertx, phase.call().apply(stubTarget()));
            made.add(load);
            return load;
        };
        try {
            List<BenchPhase> served = ServedPhases.probe(List.of(plain, absent, floor), plain.name(), "side",
                    generator, (phase, why) -> notServed.put(phase.name(), why));

            assertThat(served).containsExactly(plain);
            assertThat(notServed).containsExactly(Map.entry("absent", "no call of 3 answered 200"));
            assertThatThrownBy(() -> ServedPhases.probe(List.of(absent), absent.name(), "baseline", generator,
                    (phase, why) -> {
                    })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the baseline does not serve absent");
        } finally {
            made.forEach(LoadGenerator::close);
        }
    }

    private static Call.Target stubTarget() {
        return new Call.Target(stub.rootUrl(), "unused", "unused", Map.of());
    }
}
