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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
 * together; a revocation reaches both within 2 s; the budget a killed replica held comes back once its lease lapses;
 * and a replica that stops gives its leases back at once. The provider stub bills every token a call allows, the worst case the
 * router reserves for.
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
    /** How late the surviving replica may see it: it believes an exhausted answer for 0.5 s, and polls. */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

    private static final String MODEL = "openai/gpt-4o-mini";
    private static final int MAX_TOKENS = 1000;
    /** Every prompt has this many bytes, so every call reserves the same worst case. */
    private static final int PROMPT_BYTES = 10;
    /** The router's worst case for such a prompt: its bytes, its field names and a margin per message, under this. */
    private static final int PROMPT_TOKENS_BOUND = 64;
    /** The stub's calls that hang until their replica is gone, and then cost nothing. */
    private static final String HELD = "held";
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
        Duration returnedAfter = null;
        while (returnedAfter == null) {
            long sent = System.nanoTime();
            GovernanceClient.Answer answer = client.chat(client.router(0), key.secret(), MODEL, prompt(1), MAX_TOKENS,
                    null).join();
            if (answer.status() == 200) {
                returnedAfter = Duration.ofNanos(sent - killed);
            } else {
                assertThat(answer.status() + " " + answer.errorCode()).isEqualTo("429 insufficient_quota");
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the budget never came back")
                        .isLessThan(LEASE_LAPSE.plus(Duration.ofSeconds(30)));
                Thread.sleep(250);
            }
        }
        System.out.printf("[governance] a killed replica's budget came back %d ms after the kill (stated: %d ms)%n",
                returnedAfter.toMillis(), LEASE_LAPSE.toMillis());
        assertThat(returnedAfter).as("the first call served after the kill was sent within the lease's lapse")
                .isLessThanOrEqualTo(LEASE_LAPSE.plus(SEEN_WITHIN));
        held.forEach(call -> assertThat(call.join().status()).as("a call cut with its replica").isZero());
    }

    @Test
    @Order(5)
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
