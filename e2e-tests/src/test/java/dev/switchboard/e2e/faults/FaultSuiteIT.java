package dev.switchboard.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.Stack;

/**
 * The fault suite: one stack as `./switchboard up` starts it (two router replicas), a steady load of plain and streamed
 * calls, and one fault per case, each restored before the next. Every case prints its row of the README's "Faults"
 * table; none may lose a call, answer one twice or store an attempt's usage twice. Run it alone with {@code ./mvnw
 * -B -ntp verify -pl e2e-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultSuiteIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    /** How long the stubbed provider takes per call in the slow-provider case (within the suite's deadline). */
    private static final Duration SLOW = Duration.ofSeconds(10);
    /**
     * How long a service stays down in the restart cases: long enough for every caller to notice (the routers' lease and
     * catalog calls, the adapters' and routers' usage sends), short of any deadline.
     */
    private static final Duration DOWN = Duration.ofSeconds(8);
    /**
     * How long a call to the stormed provider may take: three attempts (two retries), each cut at the provider timeout or
     * failed at once, the backoff or {@code Retry-After} (1 s) between them, and the fallback to the mock. A late reply
     * nobody cut would run the call into its deadline (20 s).
     */
    private static final Duration STORM_BOUND = FaultStack.PROVIDER_TIMEOUT.plusSeconds(1).multipliedBy(3).plusSeconds(3);
    /**
     * How soon after a router replica's kill its provider calls must stop: its announcement's TTL from its last
     * heartbeat, the adapters' one-second sweep, and a second for the reset to reach the provider. Its deadline would
     * stop such a call only 20 s after it was sent.
     */
    private static final Duration ORPHAN_BOUND = FaultStack.ROUTER_TTL.plusSeconds(2);
    /** How long an adapter process is paused: past the ack timeout (2 s), within the deadline. */
    private static final Duration PAUSE = Duration.ofSeconds(6);
    private static final String SECOND_ADAPTER = Stack.ADAPTERS + "-2";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FaultStack faults;

    @BeforeAll
    static void startStack() throws IOException {
        faults = new FaultStack();
    }

    @AfterAll
    static void stopStack() {
        if (faults != null) {
            faults.close();
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerStoppedTenSecondsAndStartedAgainOnTheSamePortAndLog() throws Exception {
        Map<String, Long> pids = faults.pids();

        FaultTally tally = faults.underLoad("Kafka broker stopped 10 s, restarted on the same port and log",
                (loads, mock) -> {
                    faults.stack().kafka().orElseThrow().stop();
                    FaultStack.sleep(Duration.ofSeconds(10));
                    faults.stack().kafka().orElseThrow().restart();
                }).tally();

        assertNothingLost(tally);
        assertThat(tally.failures().keySet()).as("clear failures must be 503s or 504s")
                .allMatch(failure -> failure.startsWith("503 ") || failure.startsWith("504 ")
                        || failure.startsWith("stream "));
        faults.services().forEach(service -> {
            assertThat(service.isAlive()).as("%s still runs", service.spec().name()).isTrue();
            assertThat(service.pid()).as("%s was not restarted", service.spec().name())
                    .isEqualTo(pids.get(service.spec().name()));
        });
    }

    @Test
    @Order(2)
    void postgresStoppedThirtySecondsRoutingGoesOnAndUsageIsStoredAfterwards() throws Exception {
        Set<String> seenNotReady = ConcurrentHashMap.newKeySet();
        FaultTally tally = faults.underLoad("PostgreSQL stopped 30 s", (loads, mock) -> {
            faults.stack().postgres().orElseThrow().stop();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                for (String name : List.of(Stack.REGISTRY, Stack.TELEMETRY)) {
                    if (!faults.service(name).isReady()) {
                        seenNotReady.add(name);
                    }
                }
                FaultStack.sleep(Duration.ofMillis(500));
            }
            faults.stack().postgres().orElseThrow().restart();
        }).tally();

        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("routing goes on from the cached catalog: %s", tally.failures()).isZero();
        // Their readiness coming back is part of the case's recovery (see FaultStack).
        assertThat(seenNotReady).as("services not ready while their database was away")
                .containsExactlyInAnyOrder(Stack.REGISTRY, Stack.TELEMETRY);
    }

    @Test
    @Order(3)
    void routerReplicaKilledMidLoadLeavesTheOtherUnaffectedAndItsProviderCallStops() throws Exception {
        String victim = Stack.ROUTER + "-2";
        String victimUrl = faults.service(victim).spec().url();
        String survivorUrl = faults.service(Stack.ROUTER).spec().url();
        String marker = "held by the replica to kill " + UUID.randomUUID();
        long[] stoppedAfterMs = { -1 };

        FaultStack.CaseResult result = faults.underLoad("a router replica killed (SIGKILL) mid-load and mid-call to a "
                + "provider that never answers, then started again", (loads, mock) -> {
                    // Its client's connection dies with the replica; what counts is the provider's side.
                    HTTP.sendAsync(chat(victimUrl, FaultStack.HANGING_MODEL, marker), HttpResponse.BodyHandlers.ofString());
                    HangingProvider.Call held = faults.hanging.await(marker, Duration.ofSeconds(30));
                    mock.replicaGoingDown(victimUrl);
                    faults.kill(victim);
                    long killed = System.nanoTime();
                    try {
                        held.closed().get(FaultStack.DEADLINE.toSeconds(), TimeUnit.SECONDS);
                        stoppedAfterMs[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                    } catch (TimeoutException stillRunning) {
                        // Left at -1: the assertion below says so.
                    }
                    // Down 10 s in all, as before: the wait above is part of it.
                    long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                    FaultStack.sleep(Duration.ofMillis(Math.max(0, 10_000 - downMs)));
                    faults.restart(victim);
                });

        System.out.printf(Locale.ROOT, "[faults]   the killed replica's provider call stopped %d ms after the kill%n",
                stoppedAfterMs[0]);
        assertNothingLost(result.tally());
        assertThat(result.byModel().get(FaultStack.MOCK_MODEL)).filteredOn(call -> call.router().equals(survivorUrl))
                .as("calls to the other replica").isNotEmpty()
                .allSatisfy(call -> assertThat(call.kind()).as("%s", call).isEqualTo(CallOutcome.Kind.ANSWERED));
        assertThat(stoppedAfterMs[0]).as("ms from the kill until the provider saw the killed replica's call closed")
                .isNotNegative().isLessThanOrEqualTo(ORPHAN_BOUND.toMillis());
    }

    @Test
    @Order(4)
    void registryDownRoutingGoesOn() throws Exception {
        FaultTally tally = faults.underLoad("registry killed, down " + DOWN.toSeconds() + " s, then started again",
                (loads, mock) -> {
                    faults.kill(Stack.REGISTRY);
                    FaultStack.sleep(DOWN);
                    faults.restart(Stack.REGISTRY);
                }).tally();

        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("routing goes on without the registry: %s", tally.failures()).isZero();
    }

    @Test
    @Order(5)
    void telemetryDownCallsGoOnAndNoUsageEventIsLost() throws Exception {
        FaultTally tally = faults.underLoad("telemetry killed, down " + DOWN.toSeconds() + " s, then started again",
                (loads, mock) -> {
                    faults.kill(Stack.TELEMETRY);
                    FaultStack.sleep(DOWN);
                    faults.restart(Stack.TELEMETRY);
                }).tally();

        // assertNothingLost includes the usage: every attempt of every answered call is stored once, the events sent
        // while telemetry was down included.
        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("calls do not need telemetry: %s", tally.failures()).isZero();
    }

    @Test
    @Order(6)
    void providerStormOpensItsBreakersFallbacksServeAndTheBreakersCloseAgain() throws Exception {
        Set<String> statesSeen = ConcurrentHashMap.newKeySet();
        FaultStack.CaseResult result = faults.underLoad("a provider storm for 10 s: replies past the provider timeout, "
                + "429 with Retry-After, 500, 503, garbage bodies, connection resets (calls to it name mock/echo as their "
                + "fallback)", (loads, mock) -> {
                    loads.start(FaultStack.STUB_MODEL, List.of(FaultStack.MOCK_MODEL));
                    FaultStack.sleep(Duration.ofSeconds(3));
                    faults.provider.storm(FaultStack.PROVIDER_TIMEOUT.multipliedBy(4));
                    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (System.nanoTime() < until) {
                        faults.routerUrls().forEach(router -> statesSeen.add(faults.providerState(router, "openai")));
                        FaultStack.sleep(Duration.ofMillis(250));
                    }
                    faults.provider.healthy();
                });

        FaultTally tally = result.tally();
        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("fallbacks serve every call: %s", tally.failures()).isZero();
        assertThat(statesSeen).as("the provider's breaker opened during the storm").contains("served open");
        assertThat(result.usage().failures("openai", "timeout")).as("attempts cut at the provider timeout")
                .isPositive();
        assertThat(result.byModel().get(FaultStack.STUB_MODEL)).as("calls to the stormed provider").isNotEmpty()
                .allSatisfy(call -> assertThat(call.elapsedMillis()).as("ms of %s", call)
                        .isLessThan(STORM_BOUND.toMillis()));
        // The breakers closing again is part of the case's recovery: it ends only once every router shows openai
        // served and closed (see FaultStack), and a case that never recovers fails there.
    }

    @Test
    @Order(7)
    void oneSlowProviderDoesNotSlowTheOthers() throws Exception {
        List<CallOutcome> slowCalls = new ArrayList<>();
        FaultStack.CaseResult result = faults.underLoad("one provider slow (" + SLOW.toSeconds() + " s per call) for "
                + SLOW.toSeconds() + " s"
                + ", the mock provider healthy", (loads, mock) -> {
                    faults.provider.slow(SLOW);
                    loads.start(FaultStack.SLOW_MODEL, List.of());
                    // As long as a slow call lasts: the most slow calls in flight at once that any longer fault would hold.
                    FaultStack.sleep(SLOW);
                    faults.provider.healthy();
                    slowCalls.addAll(loads.stop(FaultStack.SLOW_MODEL));
                });

        assertNothingLost(result.tally());
        assertThat(slowCalls).as("calls to the slow provider, all answered after its delay").isNotEmpty()
                .allSatisfy(call -> assertThat(call.kind()).as("%s", call).isEqualTo(CallOutcome.Kind.ANSWERED))
                .anySatisfy(call -> assertThat(call.elapsedMillis()).isGreaterThanOrEqualTo(SLOW.toMillis()));
        List<Long> healthy = result.byModel().get(FaultStack.MOCK_MODEL).stream().map(CallOutcome::elapsedMillis)
                .sorted(Comparator.naturalOrder()).toList();
        long p50 = healthy.get(healthy.size() / 2);
        long p90 = healthy.get(healthy.size() * 9 / 10);
        System.out.printf("[faults]   mock/echo meanwhile: %d calls, p50 %d ms, p90 %d ms; %d slow calls in flight%n",
                healthy.size(), p50, p90, slowCalls.size());
        // Had the slow calls taken the threads, connections or partitions the mock's need, its calls would wait for
        // theirs: the slow provider's delay.
        assertThat(p90).as("p90 of the healthy provider's calls, in ms").isLessThan(SLOW.toMillis() / 4);
    }

    @Test
    @Order(8)
    void oneOfTwoAdapterProcessesPausedSixSecondsLosesNothing() throws Exception {
        ServiceProcess paused = secondAdapter();
        ServiceProcess other = faults.service(Stack.ADAPTERS);
        long[] callsOfPaused = new long[2];
        FaultTally tally = faults.underLoad("two adapter processes, one paused " + PAUSE.toSeconds()
                + " s (SIGSTOP, SIGCONT) mid-load", (loads, mock) -> {
                    // Paused once it holds partitions of the request topics (the group rebalanced when it joined).
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (providerCalls(paused) == 0 && System.nanoTime() < until) {
                        FaultStack.sleep(Duration.ofMillis(250));
                    }
                    callsOfPaused[0] = providerCalls(paused);
                    faults.pause(SECOND_ADAPTER, PAUSE);
                }).tally();
        callsOfPaused[1] = providerCalls(paused);

        // What the paused process held is answered within its deadline: by it once it goes on, or by the other after a
        // rebalance, never twice.
        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("no call needs to fail for a pause: %s", tally.failures())
                .isZero();
        assertThat(paused.isAlive()).as("the paused adapter runs again").isTrue();
        assertThat(callsOfPaused[1]).as("provider calls of the paused adapter, before and after the pause")
                .isGreaterThan(callsOfPaused[0]);
        assertThat(providerCalls(other)).as("provider calls of the other adapter").isPositive();
    }

    @Test
    @Order(9)
    void twoAdapterProcessesShareTheWorkAndOneKilledLosesNothing() throws Exception {
        ServiceProcess second = secondAdapter();
        ServiceProcess first = faults.service(Stack.ADAPTERS);
        long[] handledBeforeKill = new long[2];
        FaultTally tally = faults.underLoad("two adapter processes, one killed (SIGKILL) mid-load", (loads, mock) -> {
            FaultStack.sleep(Duration.ofSeconds(3));
            handledBeforeKill[0] = providerCalls(first);
            handledBeforeKill[1] = providerCalls(second);
            faults.kill(Stack.ADAPTERS);
            faults.forget(Stack.ADAPTERS);
            FaultStack.sleep(Duration.ofSeconds(10));
        }).tally();

        assertNothingLost(tally);
        assertThat(handledBeforeKill[0]).as("provider calls the killed adapter made before the kill").isPositive();
        assertThat(handledBeforeKill[1]).as("provider calls the other adapter made before the kill").isPositive();
        assertThat(providerCalls(second)).as("the survivor took the killed one's share")
                .isGreaterThan(handledBeforeKill[1]);
    }

    @Test
    @Order(10)
    void noKeyOfTheRunAppearsInAnyServiceLog() throws IOException {
        try (Stream<Path> logs = Files.list(faults.stack().settings().logDirectory())) {
            List<Path> files = logs.filter(Files::isRegularFile).toList();
            assertThat(files).as("service logs").hasSizeGreaterThanOrEqualTo(faults.serviceCount());
            for (Path log : files) {
                String text = Files.readString(log);
                for (String key : faults.keys()) {
                    assertThat(text.contains(key)).as("a key set for this run is in %s", log).isFalse();
                }
            }
        }
    }

    /** The suite's second adapter process, started by the first case that needs it. */
    private static ServiceProcess secondAdapter() {
        ServiceProcess second = faults.service(SECOND_ADAPTER);
        return second != null ? second : faults.startAnother(Stack.ADAPTERS, SECOND_ADAPTER);
    }

    private static void assertNothingLost(FaultTally tally) {
        assertThat(tally.answered()).as("answered calls").isPositive();
        assertThat(tally.lost()).as("lost calls, e.g. %s", tally.lostCalls()).isZero();
        assertThat(tally.answeredTwice()).as("calls answered twice").isZero();
        assertThat(tally.usageDuplicated()).as("calls with an attempt's usage stored twice").isZero();
        assertThat(tally.usageMissing()).as("answered calls with an attempt's usage missing").isZero();
    }

    /** A plain chat call to this router with this prompt. */
    private static HttpRequest chat(String router, String model, String prompt) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}]}";
        return HttpRequest.newBuilder(URI.create(router + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + faults.apiKey).header("Content-Type", "application/json")
                .timeout(FaultStack.DEADLINE.plus(FaultVerdict.GRACE)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** How many provider calls an adapter process has made, by its operation-duration metric. */
    private static long providerCalls(ServiceProcess adapter) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create(adapter.spec().managementUrl() + "/q/metrics")).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Math.round(metrics.body().lines()
                .filter(line -> line.startsWith("gen_ai_client_operation_duration_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }
}
