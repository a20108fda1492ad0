package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.local.Stack;

/**
 * Governance's guarantees across two router replicas (docs/governance.md), on the stack as `./switchboard up` starts
 * it: concurrent calls on both replicas never spend more than a key's budget; an {@code rpm} limit holds for the two
 * together; a revocation reaches both within 2 s; the enforcement table's {@code tpm}, model list and expiry rows answer
 * in each dialect's error shape; the budget a killed replica held comes back once its lease lapses; a replica that
 * stops gives its leases back at once; and no managed key's secret appears in an answer, a service's log, telemetry's
 * exports or its request log. The provider stub bills every token a call allows, the worst case the router reserves
 * for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceIT {

    /**
     * Leases as short as a machine shared by several builds allows: a lease request may take up to {@link #LEASE_TIMEOUT}
     * there, and a lease is timed from when its request left, so it must last well beyond that.
     */
    private static final Duration LEASE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LEASE_TTL = Duration.ofSeconds(10);
    private static final Duration USAGE_GRACE = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** When a killed replica's lease stops counting at the latest, as docs/governance.md states it. */
    private static final Duration LEASE_LAPSE = LEASE_TTL.plus(REQUEST_TIMEOUT).plus(USAGE_GRACE);
    /**
     * How late the surviving replica may see a budget the registry freed: it believes a "none left" answer for 0.5 s
     * (and the call that sees it may wait on a lease request).
     */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

    private static final String MODEL = "openai/gpt-4o-mini";
    private static final int MAX_TOKENS = 1000;
    /** Every prompt has this many bytes, so every call reserves the same worst case. */
    private static final int PROMPT_BYTES = 10;
    /** The router's worst case for such a prompt: its bytes, its field names and a margin per message, under this. */
    private static final int PROMPT_TOKENS_BOUND = 64;
    /** The stub's calls that hang until their replica is gone, and then cost nothing. */
    private static final String HELD = "held";
    /** A prompt the stub fails at once with a server error. */
    private static final String FAILS = "the provider fails";
    private static final String CHAT = "/v1/chat/completions";
    private static final String MESSAGES = "/v1/messages";
    /**
     * Bills the prompt's bytes as tokens and every token {@code max_tokens} allowed: as much as any provider may, so
     * the reservation is exactly what the budget must cover. The space before the last brace keeps Handlebars from
     * reading a triple brace.
     */
    private static final String COMPLETION = """
            {"id":"chatcmpl-gov","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Spent","refusal":null},
             "logprobs":null,"finish_reason":"length"}],
             "usage":{"prompt_tokens":%1$d,"completion_tokens":{{jsonPath request.body '$.max_tokens'}},
             "total_tokens":{{math %1$d '+' (jsonPath request.body '$.max_tokens')}} } }
            """.formatted(PROMPT_BYTES);

    private static WireMockServer openAiStub;
    private static Stack stack;
    private static GovernanceClient client;
    /** Calls of a managed key whose request log is read for its secret at the end. */
    private static final List<String> requestIds = new ArrayList<>();
    /** The key those calls were made with. */
    private static String answeredKeyId;

    @BeforeAll
    static void startStack() throws IOException {
        // Threads enough for the held calls and the load beside them.
        openAiStub = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(64));
        openAiStub.start();
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.user", equalTo(HELD)))
                .atPriority(1)
                .willReturn(aResponse().withFixedDelay(60_000).withStatus(400).withHeader("Content-Type",
                        "application/json").withBody(
                                "{\"error\":{\"message\":\"held\",\"type\":\"invalid_request_error\","
                                        + "\"param\":null,\"code\":null}}")));
        openAiStub.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.messages[0].content",
                equalTo(FAILS))).atPriority(1).willReturn(aResponse().withStatus(500).withHeader("Content-Type",
                        "application/json").withBody(
                                "{\"error\":{\"message\":\"The server had an error\","
                                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
        openAiStub.stubFor(post("/v1/chat/completions").atPriority(5)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION)
                        .withTransformers("response-template")));
        stack = E2eStack.start("governance", 2, "sb-e2e-" + UUID.randomUUID(), "sb-admin-" + UUID.randomUUID(),
                Map.of("SWITCHBOARD_PROVIDERS_OPENAI_BASE_URL", "http://127.0.0.1:" + openAiStub.port() + "/v1",
                        "SWITCHBOARD_PROVIDERS_OPENAI_API_KEY", "sk-e2e-0123456789abcdefghijklmnopqrstuv",
                        "SWITCHBOARD_ROUTER_REQUEST_TIMEOUT", REQUEST_TIMEOUT.toSeconds() + "s",
                        "SWITCHBOARD_ROUTER_GOVERNANCE_LEASE_TIMEOUT", LEASE_TIMEOUT.toSeconds() + "s",
                        "SWITCHBOARD_REGISTRY_GOVERNANCE_LEASE_TTL", LEASE_TTL.toSeconds() + "s",
                        "SWITCHBOARD_REGISTRY_GOVERNANCE_USAGE_GRACE", USAGE_GRACE.toSeconds() + "s"));
        client = new GovernanceClient(stack);
    }

    @AfterAll
    static void stopStack() {
        E2eStack.stop(stack, openAiStub);
    }

    @Test
    @Order(1)
    void twoHundredConcurrentCallsOnBothReplicasNeverSpendMoreThanTheBudget() throws Exception {
        BigDecimal budget = reservedCost().multiply(BigDecimal.valueOf(20));
        GovernanceClient.Key key = client.createKey("{\"name\":\"budget-" + UUID.randomUUID() + "\",\"maxBudgetUsd\":"
                + budget.toPlainString() + ",\"budgetPeriod\":\"total\"}");

        List<CompletableFuture<GovernanceClient.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(client.chat(client.router(i % 2), key.secret(), MODEL, prompt(i), MAX_TOKENS, null));
        }
        List<GovernanceClient.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

        long served = answers.stream().filter(answer -> answer.status() == 200).count();
        System.out.printf("[governance] budget %s USD for about 20 calls: %d of 200 served%n", budget, served);
        assertThat(answers).filteredOn(answer -> answer.status() != 200).as("the calls not served")
                .allSatisfy(answer -> assertThat(answer.status() + " " + answer.errorCode()).isEqualTo(
                        "429 insufficient_quota"));
        assertThat(served).as("calls served within the budget").isGreaterThanOrEqualTo(15);
        BigDecimal exported = await().atMost(Duration.ofSeconds(60)).until(
                () -> client.exportedSpend(key.id(), served), spend -> spend != null);
        BigDecimal recorded = await().atMost(Duration.ofSeconds(60)).until(() -> client.recordedSpend(key.id()),
                spend -> spend.compareTo(exported) >= 0);
        System.out.printf("[governance] spend: %s USD recorded by the registry, %s USD in telemetry's export%n", recorded,
                exported);
        assertThat(exported).as("the export's spend of the key").isLessThanOrEqualTo(budget);
        assertThat(recorded).as("the key's recorded spend").isLessThanOrEqualTo(budget);
    }

    @Test
    @Order(2)
    void anRpmLimitHoldsForBothReplicasTogether() throws Exception {
        GovernanceClient.Key key = client.createKey("{\"name\":\"rpm-" + UUID.randomUUID() + "\",\"rpm\":60}");

        // 300 calls within a few seconds, well inside one minute, alternating between the replicas.
        List<CompletableFuture<GovernanceClient.Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(client.chat(client.router(i % 2), key.secret(), "mock/echo", prompt(i), null, null));
            if (i % 50 == 49) {
                Thread.sleep(500);
            }
        }
        List<GovernanceClient.Answer> answers = calls.stream().map(CompletableFuture::join).toList();

        long accepted = answers.stream().filter(answer -> answer.status() == 200).count();
        System.out.printf("[governance] rpm 60: %d of 300 accepted%n", accepted);
        assertThat(answers).filteredOn(answer -> answer.status() != 200).as("the calls not accepted")
                .allSatisfy(answer -> assertThat(answer.status() + " " + answer.errorCode()).isEqualTo(
                        "429 rate_limit_exceeded"));
        assertThat(accepted).isBetween(60L, 62L);
    }

    @Test
    @Order(3)
    void aRevocationReachesBothReplicasWithinTwoSeconds() throws Exception {
        GovernanceClient.Key key = client.createKey("{\"name\":\"revoked-" + UUID.randomUUID() + "\"}");

        assertThat(client.revoke(key.id())).isBetween(200, 204);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.keyInfo(client.router(0), key.secret()) == 401
                        && client.keyInfo(client.router(1), key.secret()) == 401);
    }

    @Test
    @Order(4)
    void overTheTokenRateIsA429InEitherDialectOnEitherReplica() throws Exception {
        // The stub bills each call's 10 prompt tokens and all its 1,000 max_tokens: two calls use 2,020 of the 2,500
        // tokens a minute allows, and no replica can then take a third's worst case (its prompt's bound plus 1,000).
        GovernanceClient.Key key = client.createKey("{\"name\":\"tpm-" + UUID.randomUUID() + "\",\"tpm\":2500}");
        for (int i = 0; i < 2; i++) {
            assertThat(client.post(client.router(0), key.secret(), CHAT, body(MODEL, prompt(i))).status()).isEqualTo(200);
        }

        GovernanceClient.Reply chat = client.post(client.router(1), key.secret(), CHAT, body(MODEL, prompt(2)));
        assertOpenAiError(chat, 429, "rate_limit_error", "rate_limit_exceeded", "2500 tokens per minute");
        assertThat(chat.header("Retry-After")).as("Retry-After").isNotNull();
        assertThat(chat.header("x-ratelimit-limit-tokens")).isEqualTo("2500");
        GovernanceClient.Reply messages = client.post(client.router(0), key.secret(), MESSAGES, body(MODEL, prompt(3)));
        assertAnthropicError(messages, 429, "rate_limit_error", "2500 tokens per minute");
        assertThat(messages.header("Retry-After")).as("Retry-After").isNotNull();
    }

    @Test
    @Order(5)
    void aModelOutsideTheKeysListIsA403InEitherDialect() throws Exception {
        GovernanceClient.Key key = client.createKey("{\"name\":\"models-" + UUID.randomUUID()
                + "\",\"models\":[\"mock/*\"]}");

        assertThat(client.post(client.router(0), key.secret(), CHAT, body("mock/echo", "allowed")).status()).isEqualTo(200);
        assertOpenAiError(client.post(client.router(1), key.secret(), CHAT, body(MODEL, "not allowed")), 403,
                "permission_error", "model_not_allowed", "may not use " + MODEL);
        assertAnthropicError(client.post(client.router(0), key.secret(), MESSAGES, body(MODEL, "not allowed")), 403,
                "permission_error", "may not use " + MODEL);
    }

    @Test
    @Order(6)
    void anExpiredKeyIsA401OnBothReplicasAndItsSecretAppearsInNoAnswer() throws Exception {
        GovernanceClient.Key key = client.createKey("{\"name\":\"expiring-" + UUID.randomUUID() + "\",\"maxBudgetUsd\":"
                + reservedCost().multiply(BigDecimal.valueOf(100)).toPlainString() + ",\"models\":[\"" + MODEL
                + "\",\"mock/*\"]}");
        List<GovernanceClient.Reply> replies = new ArrayList<>();
        replies.add(client.post(client.router(0), key.secret(), CHAT, body(MODEL, prompt(0))));
        replies.add(client.post(client.router(1), key.secret(), MESSAGES, body("mock/echo", prompt(1))));
        assertThat(replies).extracting(GovernanceClient.Reply::status).containsExactly(200, 200);
        replies.add(client.post(client.router(0), key.secret(), CHAT, body("openai/gpt-4o", "not allowed")));
        replies.add(client.post(client.router(1), key.secret(), CHAT, "{\"model\":\"" + MODEL + "\"}"));
        replies.add(client.post(client.router(0), key.secret(), CHAT, body(MODEL, FAILS)));
        assertThat(replies).extracting(GovernanceClient.Reply::status).startsWith(200, 200, 403, 400);
        assertThat(replies.get(4).status()).as("the provider's failure").isBetween(500, 599);
        // The calls that reached the provider are in the request log.
        answeredKeyId = key.id();
        requestIds.addAll(replies.stream().filter(reply -> reply.status() == 200 || reply.status() >= 500)
                .map(reply -> reply.header("X-Request-Id")).filter(Objects::nonNull).toList());

        assertThat(client.patchKey(key.id(), "{\"expiresAt\":\"" + Instant.now().plusSeconds(3) + "\"}")).isEqualTo(200);
        for (int replica = 0; replica < 2; replica++) {
            int router = replica;
            GovernanceClient.Reply expired = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.post(client.router(router), key.secret(), CHAT, body(MODEL, "too late")),
                            reply -> reply.status() != 200);
            assertOpenAiError(expired, 401, "authentication_error", "invalid_api_key", "Incorrect API key");
            replies.add(expired);
            GovernanceClient.Reply anthropic = client.post(client.router(router), key.secret(), MESSAGES,
                    body(MODEL, "too late"));
            assertAnthropicError(anthropic, 401, "authentication_error", "Incorrect API key");
            replies.add(anthropic);
        }
        assertThat(client.revoke(key.id())).isBetween(200, 204);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.keyInfo(client.router(0), key.secret()) == 401);
        replies.add(client.post(client.router(0), key.secret(), CHAT, body(MODEL, "revoked")));
        for (GovernanceClient.Reply reply : replies) {
            assertThat(reply.body()).as("an answer to the key").doesNotContain(key.secret());
            assertThat(reply.headers().map().toString()).as("an answer's headers").doesNotContain(key.secret());
        }
    }

    @Test
    @Order(7)
    void theBudgetAKilledReplicaHeldComesBackOnceItsLeaseLapses() throws Exception {
        int covered = 10;
        GovernanceClient.Key key = client.createKey("{\"name\":\"crash-" + UUID.randomUUID() + "\",\"maxBudgetUsd\":"
                + reservedCost().multiply(BigDecimal.valueOf(covered)).toPlainString() + ",\"budgetPeriod\":\"total\"}");
        // The second replica reserves the whole budget for calls the provider holds, and dies with them in flight.
        List<CompletableFuture<GovernanceClient.Answer>> held = new ArrayList<>();
        for (int i = 0; i < covered; i++) {
            held.add(client.chat(client.router(1), key.secret(), MODEL, prompt(i), MAX_TOKENS, HELD));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openAiStub.findAll(postRequestedFor(
                urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.user", equalTo(HELD))))
                .size() == covered);
        stack.service(Stack.ROUTER + "-2").kill();
        long killed = System.nanoTime();

        GovernanceClient.Answer refused = client.chat(client.router(0), key.secret(), MODEL, prompt(0), MAX_TOKENS, null)
                .join();
        assertThat(refused.status() + " " + refused.errorCode()).as("while the dead replica's lease counts")
                .isEqualTo("429 insufficient_quota");

        // The registry frees the dead lease by its lapse: the lease's last request left before the kill, so the lapse
        // ends at most LEASE_LAPSE after it. A probe that still saw the budget held was answered before the lapse ended,
        // so it must have been sent within LEASE_LAPSE of the kill, however slowly the probes are answered.
        long lastSeenHeld = killed;
        while (client.heldByLeases(key.id()).signum() > 0) {
            lastSeenHeld = System.nanoTime();
            assertThat(Duration.ofNanos(lastSeenHeld - killed)).as("the budget was still held when a probe was sent")
                    .isLessThan(LEASE_LAPSE);
            Thread.sleep(200);
        }
        long freed = System.nanoTime();
        // The surviving replica asks the registry again once it stops believing its last "none left" (0.5 s): a call
        // sent that long after the registry was seen free is served, and those sent before may still be refused.
        Duration servedAfterFree = null;
        while (servedAfterFree == null) {
            long sent = System.nanoTime();
            GovernanceClient.Answer answer = client.chat(client.router(0), key.secret(), MODEL, prompt(1), MAX_TOKENS,
                    null).join();
            if (answer.status() == 200) {
                servedAfterFree = Duration.ofNanos(sent - freed);
            } else {
                assertThat(answer.status() + " " + answer.errorCode()).isEqualTo("429 insufficient_quota");
                assertThat(Duration.ofNanos(sent - freed)).as("a call refused after the registry freed the budget")
                        .isLessThan(SEEN_WITHIN);
                Thread.sleep(100);
            }
        }
        System.out.printf("[governance] a killed replica's budget was held %d ms after the kill and free by %d ms "
                + "(stated: %d ms); the other replica served %d ms after that%n",
                Duration.ofNanos(lastSeenHeld - killed).toMillis(), Duration.ofNanos(freed - killed).toMillis(),
                LEASE_LAPSE.toMillis(), servedAfterFree.toMillis());
        held.forEach(call -> assertThat(call.join().status()).as("a call cut with its replica").isZero());
    }

    @Test
    @Order(8)
    void aReplicaThatStopsGivesItsLeasesBackAtOnce() throws Exception {
        GovernanceClient.Key key = client.createKey("{\"name\":\"stop-" + UUID.randomUUID() + "\",\"maxBudgetUsd\":"
                + reservedCost().multiply(BigDecimal.valueOf(100)).toPlainString() + ",\"budgetPeriod\":\"total\"}");
        // Calls in a row: the replica's lease tops up at their pace and holds a free slice of the budget, more than the
        // three calls just made can have cost. An idle lease gives its slice back by itself (idle-release, 5 s), so the
        // replica is stopped as soon as it holds one.
        BigDecimal threeCalls = reservedCost().multiply(BigDecimal.valueOf(3));
        BigDecimal held = BigDecimal.ZERO;
        for (int i = 0; held.compareTo(threeCalls) <= 0; i++) {
            assertThat(i).as("calls made without the replica holding a slice").isLessThan(20);
            for (int call = 0; call < 3; call++) {
                assertThat(client.chat(client.router(0), key.secret(), MODEL, prompt(call), MAX_TOKENS, null).join()
                        .status()).isEqualTo(200);
            }
            held = client.heldByLeases(key.id());
        }
        System.out.printf("[governance] the replica holds %s USD of the key's budget as it stops%n", held);

        stack.service(Stack.ROUTER).stop(Duration.ofSeconds(20));
        long stopped = System.nanoTime();

        // Given back, its slice is free at once; only the settled calls' cost counts until the registry has priced
        // their usage, well within a second or two. Lapsing instead would take its expiry plus the request timeout.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.heldByLeases(key.id()).signum() == 0);
        System.out.printf("[governance] a stopped replica's leases were free %d ms after it stopped (lapsing: %d ms)%n",
                Duration.ofNanos(System.nanoTime() - stopped).toMillis(), LEASE_LAPSE.toMillis());
    }

    @Test
    @Order(9)
    void noManagedKeysSecretAppearsInAnyLogExportOrRequestLog() throws Exception {
        List<String> secrets = client.secrets();
        assertThat(secrets).as("managed keys made by this suite").hasSizeGreaterThanOrEqualTo(8);
        Map<String, String> places = new LinkedHashMap<>();
        try (Stream<Path> logs = Files.list(stack.settings().logDirectory())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                places.put(log.toString(), Files.readString(log));
            }
        }
        assertThat(places).as("service logs").hasSizeGreaterThanOrEqualTo(5);
        for (String format : List.of("csv", "json", "ndjson")) {
            places.put("the " + format + " export", client.telemetry("/telemetry/export?format=" + format));
        }
        places.put("the request log", client.telemetry("/telemetry/requests?size=500"));
        for (String requestId : requestIds) {
            places.put("the request log of " + requestId, await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> client.telemetry("/telemetry/requests/" + requestId), body -> body != null));
        }
        assertThat(places.get("the ndjson export")).as("the export holds the calls of a key whose answers were checked")
                .contains("\"api_key_id\":\"" + answeredKeyId + "\"");
        assertThat(requestIds).as("calls of that key that reached the provider").hasSize(3);
        places.forEach((place, text) -> secrets.forEach(secret -> assertThat(text.contains(secret))
                .as("a managed key's secret is in %s", place).isFalse()));
    }

    private static void assertOpenAiError(GovernanceClient.Reply reply, int status, String type, String code,
            String message) throws IOException {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.has("param")).as("param in %s", reply.body()).isTrue();
        assertThat(error.path("message").asText()).contains(message);
    }

    private static void assertAnthropicError(GovernanceClient.Reply reply, int status, String type, String message)
            throws IOException {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo(type);
        assertThat(body.path("error").path("message").asText()).contains(message);
    }

    /** A call's body in both dialects: a user message, answered in up to {@link #MAX_TOKENS} tokens. */
    private static String body(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + MAX_TOKENS
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    /** A prompt of {@link #PROMPT_BYTES} bytes. */
    private static String prompt(int n) {
        return String.format("budget %03d", n % 1000);
    }

    /** The most one call can reserve here, from the catalog's price of the model: the worst case the budget covers. */
    private static BigDecimal reservedCost() throws Exception {
        JsonNode price = client.price(MODEL);
        BigDecimal input = price.path("inputCostPerMillion").decimalValue();
        BigDecimal output = price.path("outputCostPerMillion").decimalValue();
        return input.multiply(BigDecimal.valueOf(PROMPT_TOKENS_BOUND)).add(output.multiply(BigDecimal.valueOf(MAX_TOKENS)))
                .divide(BigDecimal.valueOf(1_000_000), MathContext.DECIMAL64);
    }
}
