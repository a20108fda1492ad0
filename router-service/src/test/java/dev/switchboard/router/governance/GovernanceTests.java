package dev.switchboard.router.governance;

import static dev.switchboard.router.testing.ManagedKeys.call;
import static dev.switchboard.router.testing.ManagedKeys.chat;
import static dev.switchboard.router.testing.ManagedKeys.sha256;
import static dev.switchboard.router.testing.ManagedKeys.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Topics;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.LeaseStub;
import dev.switchboard.router.testing.ManagedKeyTests;
import dev.switchboard.router.testing.ManagedKeys;
import dev.switchboard.router.testing.ResponseStoreStub;

/**
 * Managed keys through the router: their state arrives on switchboard.keys (real Kafka), calls go through the real
 * request path to a fake adapter, and the leases come from a stub of the registry's lease API.
 */
@QuarkusTest
class GovernanceTests extends ManagedKeyTests {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final KeyState.Limits NO_LIMITS = KeyState.Limits.NONE;

    @Test
    void aManagedKeyCallsWithinItsLimitsAndEveryAnswerSaysWhereItStands() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("1"), BudgetPeriod.MONTHLY, 10, 100_000L, 4),
                List.of(), null);
        String prompt = "hello there " + UUID.randomUUID();

        Response response = call(key, chat("openai/gpt-4o-mini", prompt, 50))
                .header("X-Switchboard-Tags", "batch, eu")
                .when().post("/v1/chat/completions");

        response.then()
                .statusCode(200)
                .header("x-ratelimit-limit-requests", "10")
                .header("x-ratelimit-limit-tokens", "100000")
                .header("x-ratelimit-remaining-requests", notNullValue())
                .header("x-ratelimit-reset-requests", notNullValue())
                .header("X-Switchboard-Key-Spend-Usd", notNullValue())
                .header("X-Switchboard-Key-Remaining-Usd", notNullValue());
        // The stub provider used all 50 output tokens and 3 prompt tokens, at $0.15 and $0.60 per million.
        assertThat(new BigDecimal(response.header("X-Switchboard-Cost-Usd"))).isEqualByComparingTo("0.00003045");
        assertThat(Long.parseLong(response.header("x-ratelimit-remaining-requests"))).isLessThan(10);

        Attribution attribution = adapter.request(prompt).attribution();
        assertThat(attribution.keyName()).isEqualTo(key.name());
        assertThat(attribution.user()).isEqualTo("user-42");
        assertThat(attribution.metadata()).containsEntry("job", "nightly");
        assertThat(attribution.tags()).containsExactly("batch", "eu");
        assertThat(attribution.leaseHolder()).startsWith("router-");
        assertThat(attribution.reservedAt()).isNotNull();
        assertThat(adapter.request(prompt).apiKeyId()).isEqualTo(key.id());
    }

    @Test
    void overTheRequestRateIsA429WithRetryAfter() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(null, null, 2, null, null), List.of(), null);

        call(key, chat("mock/echo", "one", 5)).when().post("/v1/chat/completions").then().statusCode(200);
        call(key, chat("mock/echo", "two", 5)).when().post("/v1/chat/completions").then().statusCode(200);
        call(key, chat("mock/echo", "three", 5)).when().post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .header("x-ratelimit-limit-requests", "2")
                .header("x-ratelimit-remaining-requests", "0")
                .body("error.type", is("rate_limit_error"))
                .body("error.code", is("rate_limit_exceeded"))
                .body("error.message", containsString("2 requests per minute"));
    }

    @Test
    void aUsedUpBudgetIsInsufficientQuotaNamingTheBudgetAndItsReset() {
        // One call reserves about $0.0006 (1,000 output tokens at $0.60 per million): the budget covers one, not two.
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("0.001"), BudgetPeriod.DAILY, null, null, null),
                List.of(),
                null);

        call(key, chat("openai/gpt-4o-mini", "spend " + UUID.randomUUID(), 1_000)).when().post("/v1/chat/completions")
                .then().statusCode(200);
        call(key, chat("openai/gpt-4o-mini", "spend more", 1_000)).when().post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .body("error.code", is("insufficient_quota"))
                .body("error.message", containsString("0.001 USD per day"))
                .body("error.message", containsString("resets at"));
        // A call the budget can still cover goes through.
        call(key, chat("openai/gpt-4o-mini", "a little", 10)).when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void aBudgetedCallOnAModelWithoutAPriceIsRefusedInTheCallersDialectAndAFreeModelIsNot() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("1"), BudgetPeriod.DAILY, null, null, null),
                List.of(), null);

        String prompt = "unpriced " + UUID.randomUUID();
        // mock/echo is listed without a price; an OpenAI-compatible server's own model is not listed at all.
        for (String model : List.of("mock/echo", "openai-compatible/house-finetune")) {
            call(key, chat(model, prompt, 5)).when().post("/v1/chat/completions")
                    .then()
                    .statusCode(403)
                    .body("error.type", is("permission_error"))
                    .body("error.code", is("model_price_unknown"))
                    .body("error.param", is("model"))
                    .body("error.message", containsString("no price for " + model))
                    .body("error.message", containsString("budget of key '" + key.name() + "'"))
                    .body("error.message", containsString("/prices"));
        }
        call(key, "{\"model\":\"mock/echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("anthropic-version", "2023-06-01").when().post("/v1/messages")
                .then()
                .statusCode(403)
                .body("type", is("error"))
                .body("error.type", is("permission_error"))
                .body("error.message", containsString("no price for mock/echo"));
        assertThat(adapter.received(prompt)).as("calls that reached a provider").isZero();

        // A model the catalog prices at zero (a local one) is free, and stays allowed.
        call(key, chat("ollama/llama3.2:3b", "free " + UUID.randomUUID(), 5)).when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Switchboard-Cost-Usd", "0");
        // A call whose model has no price goes to a fallback that has one (openrouter's models are not in this catalog).
        call(key, chat("openrouter/fallback-demo", "to the fallback", 5)).when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Switchboard-Model", "ollama/llama3.2:3b");
    }

    @Test
    void aTeamsBudgetAlsoNeedsAPriceAndAKeyWithoutAnyBudgetCallsUnpricedModels() {
        KeyState.Team team = new KeyState.Team("team_" + shortId(), "billing", List.of(),
                new KeyState.Limits(new BigDecimal("5"), BudgetPeriod.MONTHLY, null, null, null));
        LeaseStub.LIMITS.put("team:" + team.id(), team.limits());
        ManagedKeys.Key inTeam = keys.publish(new KeyState.Limits(null, null, 100, null, null), List.of(), team);
        ManagedKeys.Key unbudgeted = keys.publish(new KeyState.Limits(null, null, 100, null, null), List.of(), null);

        call(inTeam, chat("mock/echo", "team budget", 5)).when().post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.code", is("model_price_unknown"))
                .body("error.message", containsString("budget of team 'billing'"));
        call(unbudgeted, chat("mock/echo", "no budget", 5)).when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void aTokenCountReservesNoBudgetAndNeedsNoPriceSoAKeyWithNoneLeftStillGetsItsCount() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("0.001"), BudgetPeriod.DAILY, null, null,
                null), List.of(), null);
        call(key, chat("openai/gpt-4o-mini", "spend " + UUID.randomUUID(), 1_000)).when().post("/v1/chat/completions")
                .then().statusCode(200);
        call(key, chat("openai/gpt-4o-mini", "spend more", 1_000)).when().post("/v1/chat/completions")
                .then().statusCode(429).body("error.code", is("insufficient_quota"));

        // 20,000 characters: as a prompt, their worst case ($0.003 at $0.15 per million bytes) is more than the budget.
        String count = "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(20_000) + "\"}]}";
        Response counted = call(key, count).when().post("/v1/messages/count_tokens");

        counted.then()
                .statusCode(200)
                .header("X-Switchboard-Token-Count", "estimate")
                .body("input_tokens", is(20_000 / 4 + 4));
        assertThat(new BigDecimal(counted.header("X-Switchboard-Cost-Usd"))).isZero();
        // Nor does a count need a price to reserve by: mock/echo is listed without one.
        call(key, "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}")
                .when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Token-Count", "estimate");
    }

    @Test
    void aModelTheKeyMayNotUseIs403AndAliasesAndAutoKeepToAllowedModels() {
        ManagedKeys.Key key = keys.publish(NO_LIMITS, List.of("mock/*"), null);

        call(key, chat("openai/gpt-4o-mini", "forbidden", 5)).when().post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .body("error.type", is("permission_error"))
                .body("error.code", is("model_not_allowed"));
        call(key, chat("local", "via the alias", 5)).when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Switchboard-Model", "mock/echo");
        call(key, chat("auto", "pick one", 5)).when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Switchboard-Model", "mock/echo");
    }

    @Test
    void aContinuationOnAnAliasIsNotMovedToAPreviousModelTheKeyMayNotUse() {
        ManagedKeys.Key key = keys.publish(NO_LIMITS, List.of("local"), null);
        String previous = "resp_" + shortId();
        ResponseStoreStub.keep(previous, key.id(), "openai/gpt-4o-mini");

        call(key, "{\"model\":\"local\",\"input\":\"continued within the key's models\",\"previous_response_id\":\""
                + previous + "\"}").when().post("/v1/responses")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", is(oneOf("ollama/llama3.2:3b", "mock/echo")))
                .header("X-Switchboard-Route", not(containsString("continuing on")));
    }

    @Test
    void aTokenCountKeepsToTheKeysModelsAndRateAndIsRecordedAsUsage() throws Exception {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(null, null, 2, null, null), List.of("mock/*"), null);
        String count = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}";

        call(key, count.formatted("openai/gpt-4o-mini")).when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(403)
                .body("type", is("error"))
                .body("error.type", is("permission_error"));
        String requestId = call(key, count.formatted("mock/echo")).when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Token-Count", "estimate")
                .header("x-ratelimit-remaining-requests", "1")
                .body("input_tokens", is(2 + 4))
                .extract().header("X-Request-Id");
        call(key, count.formatted("mock/echo")).when().post("/v1/messages/count_tokens").then().statusCode(200);
        call(key, count.formatted("mock/echo")).when().post("/v1/messages/count_tokens")
                .then()
                .statusCode(429)
                .body("error.type", is("rate_limit_error"));

        ConsumerRecord<String, String> record = usageRecord(requestId);
        assertThat(MessageHeaders.decode(record.headers().lastHeader(MessageHeaders.API_KEY_ID).value()))
                .as("the key the registry books spend to").isEqualTo(key.id());
        JsonNode usage = JSON.readTree(record.value());
        assertThat(usage.path("operation").asText()).isEqualTo("count_tokens");
        assertThat(usage.path("apiKeyId").asText()).isEqualTo(key.id());
        assertThat(usage.path("model").asText()).isEqualTo("echo");
        assertThat(usage.path("outcome").asText()).isEqualTo("success");
        assertThat(usage.path("inputTokens").asLong()).isZero();
    }

    @Test
    void theTeamsModelsAndLimitsApplyToo() {
        KeyState.Team team = new KeyState.Team("team_" + shortId(), "search", List.of("mock/echo"),
                new KeyState.Limits(null, null, 1, null, null));
        LeaseStub.LIMITS.put("team:" + team.id(), team.limits());
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(null, null, 100, null, null), List.of(), team);

        call(key, chat("openai/gpt-4o-mini", "not for the team", 5)).when().post("/v1/chat/completions")
                .then().statusCode(403).body("error.message", containsString("team 'search'"));
        call(key, chat("mock/echo", "first", 5)).when().post("/v1/chat/completions").then().statusCode(200);
        call(key, chat("mock/echo", "second", 5)).when().post("/v1/chat/completions")
                .then().statusCode(429).body("error.message", containsString("team 'search'"));
    }

    @Test
    void overMaxParallelIsA429() throws Exception {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(null, null, null, null, 1), List.of(), null);
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> call(key,
                chat("mock/echo", FakeAdapter.SILENT, 5)).when().post("/v1/chat/completions").statusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> adapter.received(FakeAdapter.SILENT) > 0);

        call(key, chat("mock/echo", "meanwhile", 5)).when().post("/v1/chat/completions")
                .then().statusCode(429).body("error.message", containsString("1 calls in flight"));
        assertThat(slow.get()).isEqualTo(504);
        call(key, chat("mock/echo", "afterwards", 5)).when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void aRevokedKeyIsRefusedWithin2Seconds() {
        ManagedKeys.Key key = keys.publish(NO_LIMITS, List.of(), null);
        call(key, chat("mock/echo", "still fine", 5)).when().post("/v1/chat/completions").then().statusCode(200);

        keys.send(key,
                new KeyState(key.id(), key.name(), sha256(key.secret()), KeyState.REVOKED, Instant.now(), true, null, List.of(),
                        NO_LIMITS, null));

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> call(key,
                chat("mock/echo", "refused", 5)).when().post("/v1/chat/completions")
                .then().statusCode(401).body("error.code", is("invalid_api_key")));
    }

    @Test
    void aStreamWithUsageGetsItsCostInTheUsageChunk() throws Exception {
        ManagedKeys.Key key = keys.publish(NO_LIMITS, List.of(), null);
        String body = """
                {"model":"openai/gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"count these words"}]}
                """;

        String events = call(key, body).when().post("/v1/chat/completions").then().statusCode(200).extract().asString();

        JsonNode usage = null;
        for (String line : events.split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\"")) {
                usage = JSON.readTree(line.substring(6)).path("usage");
            }
        }
        assertThat(usage).as("usage chunk in %s", events).isNotNull();
        // 3 prompt and 3 output tokens at $0.15 and $0.60 per million.
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo("0.00000225");
    }

    @Test
    void aKeyCanReadItsOwnLimitsAndSpend() {
        ManagedKeys.Key key = keys.publish(new KeyState.Limits(new BigDecimal("5"), BudgetPeriod.WEEKLY, 30, null, null),
                List.of(), null);

        call(key, "").when().get("/v1/key")
                .then()
                .statusCode(200)
                .body("id", is(key.id()))
                .body("name", is(key.name()))
                .body("managed", is(true))
                .body("key.limits.maxBudgetUsd", is(5))
                .body("key.limits.budgetPeriod", is("weekly"))
                .body("key.remainingUsd", notNullValue())
                .body("key.resetsAt", notNullValue())
                .body("key.requests.limit", is(30))
                .body("team", nullValue());
        given().header("Authorization", "Bearer test-key").when().get("/v1/key")
                .then().statusCode(200).body("managed", is(false)).body("key", nullValue());
    }

    @Test
    void staticKeysStayUnlimitedAndAreStillPriced() {
        given().header("Authorization", "Bearer test-key").contentType(ContentType.JSON)
                .body(chat("openai/gpt-4o-mini", "static " + UUID.randomUUID(), 10))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Cost-Usd", notNullValue())
                .header("x-ratelimit-limit-requests", nullValue());
    }

    @Test
    void badTagsOrMetadataAre400sNamingThem() {
        ManagedKeys.Key key = keys.publish(NO_LIMITS, List.of(), null);
        call(key, chat("mock/echo", "tags", 5)).header("X-Switchboard-Tags", "a b").when().post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", is("X-Switchboard-Tags"));
        call(key, "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"metadata\":{\"a\":1}}")
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.param", is("metadata.a"));
        call(key, "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"user\":5}")
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.param", is("user"));
    }

    /** The usage record the router or an adapter published for the call, read from switchboard.usage. */
    private ConsumerRecord<String, String> usageRecord(String requestId) throws Exception {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object> of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, "usage-reader-" + shortId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE));
            long until = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < until) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (requestId.equals(JSON.readTree(record.value()).path("requestId").asText())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no usage event for " + requestId);
    }

}
