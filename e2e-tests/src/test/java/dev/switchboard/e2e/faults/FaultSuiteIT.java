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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.local.Ports;
import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.ServiceSpec;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/**
 * The fault suite: one stack as `./switchboard up` starts it (two router replicas), a steady load of plain and streamed
 * calls, and one fault per case, each restored before the next. Every case prints its row of the README's "Faults"
 * table; none may lose a call, answer one twice or store an attempt's usage twice. Run it alone with {@code ./mvnw
 * -B -ntp verify -pl e2e-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultSuiteIT
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    /** The routers' request timeout in this suite, short so that a hung call shows within a load phase. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int CALLS_PER_SECOND = 3;
    private static final Duration BEFORE_FAULT = Duration.ofSeconds(3);
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(5);
    /** As long as the launcher waits for a service to start. */
    private static final Duration READY_LIMIT = Duration.ofMinutes(5);
    private static final HttpClient PROBE = HttpClient.newHttpClient();
    private static final ObjectMapper PROBE_JSON = new ObjectMapper();

    private static final String API_KEY = "sb-faults-" + UUID.randomUUID();
    private static final String ADMIN_KEY = "sb-admin-faults-" + UUID.randomUUID();
    private static final String OPS_KEY = "sb-ops-faults-" + UUID.randomUUID();
    private static final String OPENAI_KEY = "sk-faults-" + UUID.randomUUID().toString().replace("-", "");

    private static final List<FaultTally> TALLIES = new ArrayList<>();
    /** Each service's current process: a case that kills one puts its successor here. */
    private static final Map<String, ServiceProcess> RUNNING = new LinkedHashMap<>();

    private static Stack stack;
    private static long suiteStarted;

    @BeforeAll
    static void startStack() throws IOException {
        suiteStarted = System.nanoTime();
        Path home = Files.createTempDirectory("switchboard-faults");
        Path repository = Path.of(System.getProperty("switchboard.repository", "..")).toAbsolutePath().normalize();
        StackSettings settings = new StackSettings(repository, home, Ports.free(), Ports.free(),
                List.of(Ports.free(), Ports.free()), Ports.free(), Ports.free(), Ports.free(), null, null, false, API_KEY,
                ADMIN_KEY, List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Map.of("SWITCHBOARD_OPS_KEY", OPS_KEY,
                        "SWITCHBOARD_ROUTER_REQUEST_TIMEOUT", DEADLINE.toSeconds() + "s",
                        "SWITCHBOARD_PROVIDERS_MOCK_LATENCY", "200ms",
                        "SWITCHBOARD_PROVIDERS_MOCK_CHUNK_DELAY", "20ms",
                        // Six JVMs start at once on a shared two-core machine: the first connection may take longer
                        // than the pool's default 5 s, and a service whose migration cannot connect exits.
                        "QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "20s",
                        // Set so that the log check below has a provider key to look for; nothing calls OpenAI.
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", OPENAI_KEY));
        stack = Stack.start(settings, line -> System.out.println("[stack] " + line));
        stack.services().forEach(service -> RUNNING.put(service.spec().name(), service));
        System.out.printf("[faults] stack ready after %.1f s%n", secondsSince(suiteStarted));
    }

    @AfterAll
    static void stopStack() {
        if (stack == null) {
            return;
        }
        List<ServiceProcess> started = stack.services();
        RUNNING.values().stream().filter(service -> !started.contains(service))
                .forEach(service -> service.stop(Duration.ofSeconds(15)));
        stack.close();
        StringBuilder table = new StringBuilder(FaultTally.HEADER).append('\n');
        TALLIES.forEach(tally -> table.append(tally.row()).append('\n'));
        table.append(String.format(java.util.Locale.ROOT, "%nwhole suite: %.0f s (stack start included)%n",
                secondsSince(suiteStarted)));
        System.out.println("[faults] the Faults table of this run:\n" + table);
        try {
            Files.writeString(Path.of("target", "faults-table.md"), table);
        } catch (IOException e) {
            System.err.println("could not write target/faults-table.md: " + e.getMessage());
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerStoppedTenSecondsAndStartedAgainOnTheSamePortAndLog() throws Exception {
        Map<String, Long> pids = new LinkedHashMap<>();
        RUNNING.forEach((name, service) -> pids.put(name, service.pid()));

        FaultTally tally = underLoad("Kafka broker stopped 10 s, restarted on the same port and log", load -> {
            stack.kafka().orElseThrow().stop();
            sleep(Duration.ofSeconds(10));
            stack.kafka().orElseThrow().restart();
        });

        assertNothingLost(tally);
        assertThat(tally.failures().keySet()).as("clear failures must be 503s or 504s")
                .allMatch(failure -> failure.startsWith("503 ") || failure.startsWith("504 ")
                        || failure.startsWith("stream "));
        RUNNING.forEach((name, service) -> {
            assertThat(service.isAlive()).as("%s still runs", name).isTrue();
            assertThat(service.pid()).as("%s was not restarted", name).isEqualTo(pids.get(name));
        });
    }

    @Test
    @Order(2)
    void postgresStoppedThirtySecondsRoutingGoesOnAndUsageIsStoredAfterwards() throws Exception {
        FaultTally tally = underLoad("PostgreSQL stopped 30 s", load -> {
            stack.postgres().orElseThrow().stop();
            sleep(Duration.ofSeconds(30));
            stack.postgres().orElseThrow().restart();
        });

        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("routing goes on from the cached catalog: %s", tally.failures()).isZero();
    }

    @Test
    @Order(3)
    void routerReplicaKilledMidLoadLeavesTheOtherUnaffected() throws Exception {
        String victim = Stack.ROUTER + "-2";
        String victimUrl = RUNNING.get(victim).spec().url();
        String survivorUrl = RUNNING.get(Stack.ROUTER).spec().url();
        List<CallOutcome> survivorCalls = new ArrayList<>();

        FaultTally tally = underLoad("a router replica killed (SIGKILL) mid-load, then started again", load -> {
            load.replicaGoingDown(victimUrl);
            RUNNING.get(victim).kill();
            sleep(Duration.ofSeconds(10));
            RUNNING.put(victim, restart(RUNNING.get(victim)));
        }, calls -> calls.stream().filter(call -> call.router().equals(survivorUrl)).forEach(survivorCalls::add));

        assertNothingLost(tally);
        assertThat(survivorCalls).as("calls to the other replica").isNotEmpty()
                .allSatisfy(call -> assertThat(call.kind()).as("%s", call).isEqualTo(CallOutcome.Kind.ANSWERED));
    }

    @Test
    @Order(4)
    void registryDownRoutingGoesOn() throws Exception {
        FaultTally tally = underLoad("registry killed, down 15 s, then started again", load -> {
            RUNNING.get(Stack.REGISTRY).kill();
            sleep(Duration.ofSeconds(15));
            RUNNING.put(Stack.REGISTRY, restart(RUNNING.get(Stack.REGISTRY)));
        });

        assertNothingLost(tally);
        assertThat(tally.failedClearly()).as("routing goes on without the registry: %s", tally.failures()).isZero();
    }

    @Test
    @Order(5)
    void noKeyOfTheRunAppearsInAnyServiceLog() throws IOException {
        Set<String> keys = Set.of(API_KEY, ADMIN_KEY, OPS_KEY, OPENAI_KEY);
        try (Stream<Path> logs = Files.list(stack.settings().logDirectory())) {
            List<Path> files = logs.filter(Files::isRegularFile).toList();
            assertThat(files).as("service logs").hasSizeGreaterThanOrEqualTo(RUNNING.size());
            for (Path log : files) {
                String text = Files.readString(log);
                for (String key : keys) {
                    assertThat(text.contains(key)).as("a key set for this run is in %s", log).isFalse();
                }
            }
        }
    }

    /** What a case does to the stack: inject the fault, hold it, restore it. */
    private interface Fault {
        void injectAndRestore(LoadDriver load) throws Exception;
    }

    private static FaultTally underLoad(String name, Fault fault) throws Exception {
        return underLoad(name, fault, calls -> {
        });
    }

    /** Runs the load, the fault and its restoration, waits until every service is ready again, and tallies the calls. */
    private static FaultTally underLoad(String name, Fault fault, java.util.function.Consumer<List<CallOutcome>> calls)
            throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        List<String> routers = RUNNING.values().stream().filter(s -> s.spec().module().equals("router-service"))
                .map(s -> s.spec().url()).toList();
        LoadDriver load = new LoadDriver(routers, API_KEY, DEADLINE);
        load.start(CALLS_PER_SECOND);
        double secondsToReady;
        List<CallOutcome> outcomes;
        try {
            sleep(BEFORE_FAULT);
            fault.injectAndRestore(load);
            secondsToReady = secondsUntilAllReady();
            routers.forEach(load::replicaBack);
            sleep(AFTER_RECOVERY);
        } finally {
            outcomes = load.stop();
        }
        calls.accept(outcomes);
        FaultTally tally = FaultTally.of(name, outcomes, awaitUsage(outcomes, since), secondsToReady);
        TALLIES.add(tally);
        System.out.println("[faults] " + tally.row());
        tally.lostCalls().forEach(call -> System.out.println("[faults]   lost: " + call));
        return tally;
    }

    private static void assertNothingLost(FaultTally tally) {
        assertThat(tally.answered()).as("answered calls").isPositive();
        assertThat(tally.lost()).as("lost calls, e.g. %s", tally.lostCalls()).isZero();
        assertThat(tally.answeredTwice()).as("calls answered twice").isZero();
        assertThat(tally.usageDuplicated()).as("calls with an attempt's usage stored twice").isZero();
        assertThat(tally.usageMissing()).as("answered calls with an attempt's usage missing").isZero();
    }

    /** Telemetry's rows, once every answered call's attempts are there or a minute has passed. */
    private static UsageLedger awaitUsage(List<CallOutcome> calls, Instant since) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        UsageLedger ledger = null;
        while (System.nanoTime() < deadline) {
            try {
                ledger = UsageLedger.read(RUNNING.get(Stack.TELEMETRY).spec().url(), OPS_KEY, since);
                if (ledger.missing(calls) == 0) {
                    return ledger;
                }
            } catch (IOException e) {
                System.out.println("[faults] telemetry export not readable yet: " + e.getMessage());
            }
            sleep(Duration.ofSeconds(1));
        }
        if (ledger == null) {
            throw new IllegalStateException("telemetry's export never answered");
        }
        return ledger;
    }

    /** Seconds from now until every service answers ready. */
    private static double secondsUntilAllReady() {
        long started = System.nanoTime();
        while (!RUNNING.values().stream().allMatch(ServiceProcess::isReady)) {
            if (System.nanoTime() - started > READY_LIMIT.toNanos()) {
                throw new AssertionError("not all ready after " + READY_LIMIT.toSeconds() + " s: " + RUNNING.values()
                        .stream().filter(s -> !s.isReady()).map(s -> s.spec().name()).toList());
            }
            sleep(Duration.ofMillis(250));
        }
        for (ServiceProcess router : RUNNING.values()) {
            if (router.spec().module().equals("router-service")) {
                while (!servesMockAgain(router.spec().url())) {
                    if (System.nanoTime() - started > READY_LIMIT.toNanos()) {
                        throw new AssertionError(router.spec().name() + " does not serve mock again after "
                                + READY_LIMIT.toSeconds() + " s");
                    }
                    sleep(Duration.ofMillis(250));
                }
            }
        }
        return secondsSince(started);
    }

    /**
     * Healthy again means more than ready: the router sees an adapter serve the provider and its circuit breaker has
     * closed, so the next case starts from a gateway that answers.
     */
    private static boolean servesMockAgain(String routerUrl) {
        try {
            HttpResponse<String> response = PROBE.send(HttpRequest
                    .newBuilder(URI.create(routerUrl + "/v1/providers"))
                    .header("Authorization", "Bearer " + API_KEY).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            for (JsonNode provider : PROBE_JSON.readTree(response.body()).path("data")) {
                if (provider.path("name").asText().equals("mock")) {
                    return provider.path("served").asBoolean() && provider.path("state").asText().equals("closed");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A new process for a killed one, with the same module, ports and environment, logging to a file of its own. */
    private static ServiceProcess restart(ServiceProcess dead) {
        ServiceSpec spec = dead.spec();
        StackSettings settings = stack.settings();
        return ServiceProcess.start(new ServiceSpec(spec.name() + "-restarted", spec.module(), spec.port(),
                spec.managementPort(), spec.environment()), settings.repository(), settings.logDirectory(),
                settings.javaOptions());
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
