package dev.switchboard.e2e.faults;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.e2e.E2eStack;
import dev.switchboard.local.Ports;
import dev.switchboard.local.ServiceJvm;
import dev.switchboard.local.ServiceProcess;
import dev.switchboard.local.ServiceSpec;
import dev.switchboard.local.Stack;
import dev.switchboard.local.StackSettings;

/**
 * The fault suite's stack (as `./switchboard up` starts it, with two router replicas and two adapter processes, the mock
 * provider and an OpenAI-compatible stub), its keys, and the run of one case: the load, the fault, the wait until all
 * is healthy again, and the tally.
 */
final class FaultStack implements AutoCloseable {

    /**
     * The routers' request timeout in this suite: room for the slow provider's 30 s calls, short enough that a hung
     * call shows within a load phase.
     */
    static final Duration DEADLINE = Duration.ofSeconds(40);
    /** The suite's second adapter process, beside {@link Stack#ADAPTERS}, from the stack's start on. */
    static final String SECOND_ADAPTER = Stack.ADAPTERS + "-2";
    /** A model of the stubbed provider, as the registry's catalog lists it. */
    static final String STUB_MODEL = "openai/gpt-4o-mini";
    static final String MOCK_MODEL = "mock/echo";
    /**
     * A model of a second provider on the same stub, for the slow-provider case: it keeps the default provider timeout
     * (120 s), while OpenAI's is {@link #PROVIDER_TIMEOUT}.
     */
    static final String SLOW_MODEL = "groq/llama-3.1-8b-instant";
    /** A model whose provider is {@link HangingProvider}: a call to it lasts until someone closes it. */
    static final String HANGING_MODEL = "deepseek/deepseek-flash";
    /** OpenAI's provider timeout in this suite: the storm's late replies run past it. */
    static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long adapters hold a router replica's announcement in this suite (a heartbeat every 2 s), shorter than the
     * default 15 s so that a killed replica's provider calls stop well before their deadline would stop them.
     */
    static final Duration ROUTER_TTL = Duration.ofSeconds(8);
    private static final int CALLS_PER_SECOND = 3;
    /** Load before the fault: enough calls on every replica to show the stack was serving. */
    private static final Duration BEFORE_FAULT = Duration.ofSeconds(2);
    /** Load after the recovery: enough calls on every replica to show it serves again. */
    private static final Duration AFTER_RECOVERY = Duration.ofSeconds(3);
    /** As long as the launcher waits for a service to start. */
    private static final Duration READY_LIMIT = Duration.ofMinutes(5);
    private static final HttpClient PROBE = HttpClient.newHttpClient();
    private static final ObjectMapper PROBE_JSON = new ObjectMapper();

    final String apiKey = "sb-faults-" + UUID.randomUUID();
    final String adminKey = "sb-admin-faults-" + UUID.randomUUID();
    final String opsKey = "sb-ops-faults-" + UUID.randomUUID();
    /** Every provider's key, each of its provider's documented shape; only OpenAI's is ever used (on the stub). */
    final Map<String, String> providerKeys = Map.of(
            "OPENAI", "sk-faults-" + alphanumeric(32),
            "ANTHROPIC", "sk-ant-faults-" + alphanumeric(32),
            "GEMINI", "AIza" + alphanumeric(35),
            "GROQ", "gsk_" + alphanumeric(40),
            "OPENROUTER", "sk-or-faults-" + alphanumeric(32),
            "DEEPSEEK", "sk-" + alphanumeric(32),
            "MISTRAL", alphanumeric(32),
            "TOGETHER", "tgp-faults-" + alphanumeric(32));
    final EchoProviderStub provider = new EchoProviderStub();
    final HangingProvider hanging = new HangingProvider();

    /** Each service's current process: a case that kills one puts its successor here. */
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final List<FaultTally> tallies = new ArrayList<>();
    private final long started = System.nanoTime();
    private final Stack stack;

    FaultStack() throws IOException {
        Map<String, String> environment = new HashMap<>(Map.of("SWITCHBOARD_OPS_KEY", opsKey,
                "SWITCHBOARD_ROUTER_REQUEST_TIMEOUT", DEADLINE.toSeconds() + "s",
                // A slow provider's streamed calls send their first chunk after 30 s: the deadline, not this, ends them.
                "SWITCHBOARD_ROUTER_FIRST_CHUNK_TIMEOUT", DEADLINE.toSeconds() + "s",
                // A provider's breaker tries again after 5 s, so that the storm case sees it close within the case.
                "SWITCHBOARD_ROUTER_CIRCUIT_BREAKER_DELAY", "5s",
                "SWITCHBOARD_PROVIDERS_MOCK_LATENCY", "200ms",
                "SWITCHBOARD_PROVIDERS_MOCK_CHUNK_DELAY", "20ms",
                "SWITCHBOARD_PROVIDERS_OPENAI_TIMEOUT", PROVIDER_TIMEOUT.toSeconds() + "s",
                "SWITCHBOARD_ROUTER_HEARTBEAT", "2s",
                "SWITCHBOARD_ROUTER_ANNOUNCEMENT_TTL", ROUTER_TTL.toSeconds() + "s"));
        // Every provider gets a key (the log check looks for each) and the stub's address: OpenAI's and Groq's are
        // called; DeepSeek's address is the hanging provider's.
        providerKeys.forEach((name, key) -> {
            environment.put("SWITCHBOARD_PROVIDERS_" + name + "_API_KEY", key);
            environment.put("SWITCHBOARD_PROVIDERS_" + name + "_BASE_URL",
                    name.equals("DEEPSEEK") ? hanging.baseUrl() : provider.baseUrl());
        });
        stack = E2eStack.start("faults", 2, apiKey, adminKey, environment);
        stack.services().forEach(service -> running.put(service.spec().name(), service));
        try {
            startAnother(Stack.ADAPTERS, SECOND_ADAPTER);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        System.out.printf(Locale.ROOT, "[faults] stack ready after %.1f s%n", secondsSince(started));
    }

    Stack stack() {
        return stack;
    }

    /** The current process of a service of the stack. */
    ServiceProcess service(String name) {
        return running.get(name);
    }

    /** Every key this run gave the stack: caller, admin, operations and each provider's. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>(providerKeys.values());
        keys.addAll(List.of(apiKey, adminKey, opsKey));
        return keys;
    }

    int serviceCount() {
        return running.size();
    }

    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach((name, service) -> pids.put(name, service.pid()));
        return pids;
    }

    List<ServiceProcess> services() {
        return List.copyOf(running.values());
    }

    /** Kills a service at once, as a crash would. */
    void kill(String name) {
        running.get(name).kill();
    }

    /** Starts a new process for a killed service, with the same module, ports and environment. */
    void restart(String name) {
        ServiceSpec spec = running.get(name).spec();
        running.put(name, start(new ServiceSpec(spec.name() + "-restarted", spec.module(), spec.port(),
                spec.managementPort(), spec.environment())));
    }

    /** One more process of a service, on ports of its own, and waits until it is ready. */
    ServiceProcess startAnother(String name, String as) {
        ServiceSpec spec = running.get(name).spec();
        ServiceProcess another = start(new ServiceSpec(as, spec.module(), Ports.free(), Ports.free(), spec.environment()));
        long since = System.nanoTime();
        while (!another.isReady()) {
            if (!another.isAlive() || System.nanoTime() - since > READY_LIMIT.toNanos()) {
                throw new AssertionError(as + " did not start; see " + another.logFile());
            }
            sleep(Duration.ofMillis(300));
        }
        running.put(as, another);
        return another;
    }

    /**
     * Stops a service's process (SIGSTOP) for this long and lets it go on (SIGCONT), as a long collection pause or a
     * frozen host would: its connections stay open, and nothing of it answers meanwhile.
     */
    void pause(String name, Duration duration) throws IOException, InterruptedException {
        long pid = running.get(name).pid();
        signal("STOP", pid);
        try {
            sleep(duration);
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** Takes a service out of the stack's list (it was killed and is not coming back). */
    void forget(String name) {
        running.remove(name);
    }

    /** Runs the mock load, the fault and its restoration, waits until all is healthy again, and tallies the calls. */
    CaseResult underLoad(String name, Fault fault) throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        List<String> routers = running.values().stream().filter(s -> s.spec().module().equals("router-service"))
                .map(s -> s.spec().url()).toList();
        Map<ServiceProcess, Long> adapterCallsBefore = new LinkedHashMap<>();
        adapters().forEach(adapter -> adapterCallsBefore.put(adapter, AdapterCalls.of(adapter)));
        Loads loads = new Loads(routers);
        LoadDriver mock = loads.start(MOCK_MODEL, List.of());
        double secondsToReady;
        try {
            sleep(BEFORE_FAULT);
            fault.injectAndRestore(loads, mock);
            secondsToReady = secondsUntilAllReady();
            routers.forEach(mock::replicaBack);
            sleep(AFTER_RECOVERY);
        } finally {
            loads.stop();
        }
        List<CallOutcome> outcomes = loads.outcomes.values().stream().flatMap(List::stream).toList();
        UsageLedger usage = awaitUsage(outcomes, since);
        FaultTally tally = FaultTally.of(name, outcomes, usage, secondsToReady);
        tallies.add(tally);
        System.out.println("[faults] " + tally.row());
        tally.lostCalls().forEach(call -> System.out.println("[faults]   lost: " + call));
        // Provider calls each adapter process made during the case, of those that ran from its start to its end.
        Map<String, Long> adapterCalls = new LinkedHashMap<>();
        adapterCallsBefore.forEach((adapter, before) -> {
            long after = AdapterCalls.of(adapter);
            if (before >= 0 && after >= 0 && running.containsValue(adapter)) {
                adapterCalls.put(adapter.spec().name(), after - before);
            }
        });
        System.out.println("[faults]   provider calls by adapter process: " + adapterCalls);
        return new CaseResult(tally, loads.outcomes, usage, adapterCalls);
    }

    /** The adapter processes running now. */
    List<ServiceProcess> adapters() {
        return running.values().stream().filter(s -> s.spec().module().equals("provider-adapters")).toList();
    }

    /** A provider's circuit state and whether it is served, as a router's {@code GET /v1/providers} says. */
    String providerState(String routerUrl, String provider) {
        try {
            HttpResponse<String> response = PROBE.send(HttpRequest.newBuilder(URI.create(routerUrl + "/v1/providers"))
                    .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "status " + response.statusCode();
            }
            for (JsonNode entry : PROBE_JSON.readTree(response.body()).path("data")) {
                if (entry.path("name").asText().equals(provider)) {
                    return (entry.path("served").asBoolean() ? "served " : "not served ") + entry.path("state").asText();
                }
            }
            return "not listed";
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    List<String> routerUrls() {
        return running.values().stream().filter(s -> s.spec().module().equals("router-service")).map(s -> s.spec().url())
                .toList();
    }

    /**
     * The figures of one case: its row, each load's calls by model, the usage telemetry stored, and the provider calls
     * each adapter process made (of those that ran through the whole case).
     */
    record CaseResult(FaultTally tally, Map<String, List<CallOutcome>> byModel, UsageLedger usage,
            Map<String, Long> adapterCalls) {
    }

    /** What a case does to the stack: inject the fault, hold it, restore it; it may start loads of its own. */
    interface Fault {
        void injectAndRestore(Loads loads, LoadDriver mock) throws Exception;
    }

    /** The loads of one case, each on a model of its own. */
    final class Loads {
        private final List<String> routers;
        private final Map<String, LoadDriver> drivers = new LinkedHashMap<>();
        private final Map<String, List<CallOutcome>> outcomes = new LinkedHashMap<>();

        private Loads(List<String> routers) {
            this.routers = routers;
        }

        /** Starts a steady load on this model (with these fallbacks), three calls a second to each router. */
        LoadDriver start(String model, List<String> fallbacks) {
            LoadDriver driver = new LoadDriver(routers, apiKey, DEADLINE, model, fallbacks);
            drivers.put(model, driver);
            driver.start(CALLS_PER_SECOND);
            return driver;
        }

        /** Stops the load on this model and waits for its calls to end. */
        List<CallOutcome> stop(String model) {
            List<CallOutcome> calls = drivers.remove(model).stop();
            outcomes.put(model, calls);
            return calls;
        }

        private void stop() {
            List.copyOf(drivers.keySet()).forEach(this::stop);
        }
    }

    /** Telemetry's rows, once every answered call's attempts are there or a minute has passed. */
    private UsageLedger awaitUsage(List<CallOutcome> calls, Instant since) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        UsageLedger ledger = null;
        while (System.nanoTime() < deadline) {
            try {
                ledger = UsageLedger.read(running.get(Stack.TELEMETRY).spec().url(), opsKey, since);
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

    /**
     * Seconds from now until every service answers ready and every router sees both providers served with their
     * circuit breakers closed, so that the next case starts from a gateway that answers.
     */
    private double secondsUntilAllReady() {
        long since = System.nanoTime();
        while (!running.values().stream().allMatch(ServiceProcess::isReady)) {
            if (System.nanoTime() - since > READY_LIMIT.toNanos()) {
                throw new AssertionError("not all ready after " + READY_LIMIT.toSeconds() + " s: " + running.values()
                        .stream().filter(s -> !s.isReady()).map(s -> s.spec().name()).toList());
            }
            sleep(Duration.ofMillis(250));
        }
        for (String router : routerUrls()) {
            for (String provider : List.of("mock", "openai")) {
                while (!providerState(router, provider).equals("served closed")) {
                    if (System.nanoTime() - since > READY_LIMIT.toNanos()) {
                        throw new AssertionError(router + " does not serve " + provider + " again after "
                                + READY_LIMIT.toSeconds() + " s: " + providerState(router, provider));
                    }
                    sleep(Duration.ofMillis(250));
                }
            }
        }
        return secondsSince(since);
    }

    private ServiceProcess start(ServiceSpec spec) {
        StackSettings settings = stack.settings();
        return ServiceProcess.start(spec, settings.repository(), settings.logDirectory(), ServiceJvm.forStack(settings),
                settings.javaOptions(spec));
    }

    /** Stops what the cases started, then the stack, and prints and writes the Faults table of this run. */
    @Override
    public void close() {
        List<ServiceProcess> original = stack.services();
        running.values().stream().filter(service -> !original.contains(service))
                .forEach(service -> service.stop(Duration.ofSeconds(15)));
        stack.close();
        provider.close();
        hanging.close();
        StringBuilder table = new StringBuilder(FaultTally.HEADER).append('\n');
        tallies.forEach(tally -> table.append(tally.row()).append('\n'));
        table.append(String.format(Locale.ROOT, "%nwhole suite: %.0f s (stack start included)%n", secondsSince(started)));
        System.out.println("[faults] the Faults table of this run:\n" + table);
        try {
            Files.writeString(Path.of("target", "faults-table.md"), table);
        } catch (IOException e) {
            System.err.println("could not write target/faults-table.md: " + e.getMessage());
        }
    }

    private static String alphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < length; i++) {
            key.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return key.toString();
    }

    static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
