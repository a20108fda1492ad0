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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.Stack;

/**
 * The fault suite: one stack as `./switchboard up` starts it (two router replicas, two adapter processes), a steady load
 * of plain and streamed calls, and one fault per case, each restored before the next. Every case prints its row of the README's
 * "Faults"
 * table; none may lose a call, answer one twice or store an attempt's usage twice. Run it alone with {@code ./mvnw
 * -B -ntp verify -pl e2e-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultSuiteIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    /** How long the stubbed provider takes per call in the slow-provider case (within the suite's deadline). */
    private static final Duration SLOW = Duration.ofSeconds(30);
    /**
     * How long the slow-provider case sends calls to the slow provider: they are all in flight at once, for one
     * {@link #SLOW} window, while the mock's load goes on.
     */
    private static final Duration SLOW_LOAD = Duration.ofSeconds(5);
    /**
     * How far the mock's p90 may go while the slow provider's calls are in flight: a tenth of the delay. Were they
     * holding threads, connections or partitions the mock's calls need, the mock's calls would wait for them (30 s).
     */
    private static final Duration HEALTHY_P90_BOUND = SLOW.dividedBy(10);
    /**
     * How late past its deadline a 503 or 504 may reach the client: the router's deadline counts from the call's arrival,
     * and the answer still has to be written and read.
     */
    private static final Duration ERROR_BOUND = Duration.ofSeconds(2);
    /**
     * How long a service stays down in the restart cases: long enough for every caller to notice (the routers' lease and
     * catalog calls, the adapters' and routers' usage sends), short of any deadline.
     */
    private static final Duration DOWN = Duration.ofSeconds(8);
    /**
     * How long a call to the stormed provider may take: three attempts (two retries), each cut at the provider timeout or
     * failed at once, the backoff or {@code Retry-After} (1 s) between them, and the fallback to the mock. A late reply
     * nobody cut would run the call into its deadline (40 s).
     */
    private static final Duration STORM_BOUND = FaultStack.PROVIDER_TIMEOUT.plusSeconds(1).multipliedBy(3).plusSeconds(3);
    /**
     * How soon after a router replica's kill its provider calls must stop: its announcement's TTL from its last
     * heartbeat, the adapters' one-second sweep, and a second for the reset to reach the provider. Its deadline would
     * stop such a call only 40 s after it was sent.
     */
    private static final Duration ORPHAN_BOUND = FaultStack.ROUTER_TTL.plusSeconds(2);
    /** How long an adapter process is paused: past the ack timeout (2 s), within the deadline. */
    private static final Duration PAUSE = Duration.ofSeconds(6);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FaultStack faults;

    @BeforeAll
    static void startStack() throws IOException {
        faults = new FaultStack();
    }

    /** A case that failed half-way leaves no storm or slowness behind for the next ones. */
    @AfterEach
    void liftProviderFaults() {
        if (faults != null) {
            faults.provider.healthy();
        }
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

        FaultStack.CaseResult result = faults.underLoad("Kafka broker stopped 10 s, restarted on the same port and log",
                (loads, mock) -> {
                    faults.stack().kafka().orElseThrow().stop();
                    FaultStack.sleep(Duration.ofSeconds(10));
                    faults.stack().kafka().orElseThrow().restart();
                });

        FaultTally tally = result.tally();
        System.out.printf(Locale.ROOT, "[faults]   the clear failures came after %s ms at most%n",
                result.byModel().get(FaultStack.MOCK_MODEL).stream()
                        .filter(call -> call.kind() == CallOutcome.Kind.FAILED_CLEARLY)
                        .mapToLong(CallOutcome::elapsedMillis).max().stream().boxed().findFirst().orElse(null));
        assertNothingLost(result);
        assertThat(tally.failures().keySet()).as("clear failures must be 503s or 504s")
                .allMatch(failure -> failure.startsWith("503 ") || failure.startsWith("504 ")
                        || failure.startsWith("stream "));
        // Every call is answered, or gets its error within its deadline (plus the time to write and read it).
        assertThat(result.byModel().get(FaultStack.MOCK_MODEL))
                .filteredOn(call -> call.kind() == CallOutcome.Kind.FAILED_CLEARLY)
                .allSatisfy(call -> assertThat(call.elapsedMillis()).as("ms until %s", call)
                        .isLessThanOrEqualTo(FaultStack.DEADLINE.plus(ERROR_BOUND).toMillis()));
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
        FaultStack.CaseResult result = faults.underLoad("PostgreSQL stopped 30 s", (loads, mock) -> {
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
        });

        FaultTally tally = result.tally();
        assertNothingLost(result);
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
        assertNothingLost(result);
        assertThat(result.byModel().get(FaultStack.MOCK_MODEL)).filteredOn(call -> call.router().equals(survivorUrl))
                .as("calls to the other replica").isNotEmpty()
                .allSatisfy(call -> assertThat(call.kind()).as("%s", call).isEqualTo(CallOutcome.Kind.ANSWERED));
        assertThat(stoppedAfterMs[0]).as("ms from the kill until the provider saw the killed replica's call closed")
                .isNotNegative().isLessThanOrEqualTo(ORPHAN_BOUND.toMillis());
    }

    @Test
    @Order(4)
    void registryDownRoutingGoesOn() throws Exception {
        FaultStack.CaseResult result = faults.underLoad("registry killed, down " + DOWN.toSeconds()
                + " s, then started again", (loads, mock) -> {
                    faults.kill(Stack.REGISTRY);
                    FaultStack.sleep(DOWN);
                    faults.restart(Stack.REGISTRY);
                });

        FaultTally tally = result.tally();
        assertNothingLost(result);
        assertThat(tally.failedClearly()).as("routing goes on without the registry: %s", tally.failures()).isZero();
    }

    @Test
    @Order(5)
    void telemetryDownCallsGoOnAndNoUsageEventIsLost() throws Exception {
        FaultStack.CaseResult result = faults.underLoad("telemetry killed, down " + DOWN.toSeconds()
                + " s, then started again", (loads, mock) -> {
                    faults.kill(Stack.TELEMETRY);
                    FaultStack.sleep(DOWN);
                    faults.restart(Stack.TELEMETRY);
                });

        FaultTally tally = result.tally();
        // assertNothingLost includes the usage: every attempt of every answered call is stored once, the events sent
        // while telemetry was down included.
        assertNothingLost(result);
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
        assertNothingLost(result);
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
        FaultStack.CaseResult result = faults.underLoad("one provider slow (" + SLOW.toSeconds() + " s per call), "
                + "called for " + SLOW_LOAD.toSeconds() + " s, the mock provider healthy", (loads, mock) -> {
                    faults.provider.slow(SLOW);
                    loads.start(FaultStack.SLOW_MODEL, List.of());
                    FaultStack.sleep(SLOW_LOAD);
                    // One window of the delay: no new slow call, and those in flight all end about 30 s after they began.
                    slowCalls.addAll(loads.stop(FaultStack.SLOW_MODEL));
                    faults.provider.healthy();
                });

        List<Long> healthy = result.byModel().get(FaultStack.MOCK_MODEL).stream().map(CallOutcome::elapsedMillis)
                .sorted(Comparator.naturalOrder()).toList();
        long p50 = healthy.get(healthy.size() / 2);
        long p90 = healthy.get(healthy.size() * 9 / 10);
        List<Long> slowMs = slowCalls.stream().map(CallOutcome::elapsedMillis).sorted(Comparator.naturalOrder()).toList();
        System.out.printf(Locale.ROOT, "[faults]   mock/echo meanwhile: %d calls, p50 %d ms, p90 %d ms; %d slow calls, "
                + "%d to %d ms%n", healthy.size(), p50, p90, slowMs.size(), slowMs.get(0), slowMs.get(slowMs.size() - 1));
        assertNothingLost(result);
        assertThat(slowCalls).as("calls to the slow provider, all answered after its delay").isNotEmpty()
                .allSatisfy(call -> assertThat(call.kind()).as("%s", call).isEqualTo(CallOutcome.Kind.ANSWERED))
                .allSatisfy(call -> assertThat(call.elapsedMillis()).as("ms of %s", call)
                        .isGreaterThanOrEqualTo(SLOW.toMillis()));
        assertThat(p90).as("p90 of the healthy provider's calls, in ms").isLessThan(HEALTHY_P90_BOUND.toMillis());
    }

    @Test
    @Order(8)
    void oneOfTwoAdapterProcessesPausedSixSecondsLosesNothing() throws Exception {
        ServiceProcess paused = faults.service(FaultStack.SECOND_ADAPTER);
        long[] callsOfPaused = new long[2];
        FaultStack.CaseResult result = faults.underLoad("two adapter processes, one paused " + PAUSE.toSeconds()
                + " s (SIGSTOP, SIGCONT) mid-load", (loads, mock) -> {
                    // Paused once it has made provider calls in this case: it holds partitions of the request topics.
                    long from = AdapterCalls.of(paused);
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (AdapterCalls.of(paused) == from && System.nanoTime() < until) {
                        FaultStack.sleep(Duration.ofMillis(250));
                    }
                    callsOfPaused[0] = AdapterCalls.of(paused);
                    faults.pause(FaultStack.SECOND_ADAPTER, PAUSE);
                });
        callsOfPaused[1] = AdapterCalls.of(paused);
        FaultTally tally = result.tally();

        // What the paused process held is answered within its deadline: by it once it goes on, or by the other after a
        // rebalance, never twice.
        assertNothingLost(result);
        assertThat(tally.failedClearly()).as("no call needs to fail for a pause: %s", tally.failures())
                .isZero();
        assertThat(paused.isAlive()).as("the paused adapter runs again").isTrue();
        assertThat(callsOfPaused[1]).as("provider calls of the paused adapter, before and after the pause")
                .isGreaterThan(callsOfPaused[0]);
    }

    @Test
    @Order(9)
    void twoAdapterProcessesShareTheWorkAndOneKilledLosesNothing() throws Exception {
        ServiceProcess second = faults.service(FaultStack.SECOND_ADAPTER);
        ServiceProcess first = faults.service(Stack.ADAPTERS);
        long[] before = { AdapterCalls.of(first), AdapterCalls.of(second) };
        long[] handledBeforeKill = new long[2];
        FaultStack.CaseResult result = faults.underLoad("two adapter processes, one killed (SIGKILL) mid-load",
                (loads, mock) -> {
                    FaultStack.sleep(Duration.ofSeconds(3));
                    handledBeforeKill[0] = AdapterCalls.of(first) - before[0];
                    handledBeforeKill[1] = AdapterCalls.of(second) - before[1];
                    faults.kill(Stack.ADAPTERS);
                    faults.forget(Stack.ADAPTERS);
                    FaultStack.sleep(Duration.ofSeconds(10));
                });

        assertNothingLostBy(result.tally());
        assertThat(handledBeforeKill[0]).as("provider calls the killed adapter made in the case before the kill")
                .isPositive();
        assertThat(handledBeforeKill[1]).as("provider calls the other adapter made in the case before the kill")
                .isPositive();
        assertThat(result.adapterCalls()).as("the survivor alone ran through the case")
                .containsOnlyKeys(FaultStack.SECOND_ADAPTER);
        assertThat(AdapterCalls.of(second) - before[1]).as("the survivor took the killed one's share")
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

    /** Nothing lost, and both adapter processes ran through the case and made provider calls in it. */
    private static void assertNothingLost(FaultStack.CaseResult result) {
        assertNothingLostBy(result.tally());
        assertThat(result.adapterCalls()).as("provider calls each adapter process made in the case")
                .containsOnlyKeys(Stack.ADAPTERS, FaultStack.SECOND_ADAPTER)
                .allSatisfy((adapter, calls) -> assertThat(calls).as("provider calls of %s", adapter).isPositive());
    }

    private static void assertNothingLostBy(FaultTally tally) {
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
}
