package dev.switchboard.registry.governance;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.governance.service.SpendRecorder;
import dev.switchboard.registry.governance.service.UsageSpend;
import dev.switchboard.registry.testing.StubServices;

/**
 * Leases through the registry's REST API against PostgreSQL, and spend counted from switchboard.usage, as the admin API
 * and telemetry's budget alerts read it.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class LeaseTests {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    UsageSpend usageSpend;

    @Inject
    SpendRecorder recorder;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void budgetSlicesNeverAddUpToMoreThanTheBudget() {
        String key = key("{\"maxBudgetUsd\":1}");
        String scope = "key:" + key;

        JsonPath a = lease("a", scope, budget(null, "0", "0.6"));
        assertThat(a.getDouble("scopes[0].budget.granted")).isEqualTo(0.6);
        assertThat(a.getDouble("scopes[0].budget.availableUsd")).isEqualTo(0.4);
        String period = a.getString("scopes[0].budget.periodStart");
        assertThat(a.getLong("ttlMs")).isPositive();

        JsonPath b = lease("b", scope, budget(period, "0", "0.6"));
        assertThat(b.getDouble("scopes[0].budget.granted")).isEqualTo(0.4);
        assertThat(b.getDouble("scopes[0].budget.availableUsd")).isZero();
        JsonPath c = lease("c", scope, budget(period, "0", "0.1"));
        assertThat(c.getDouble("scopes[0].budget.granted")).isZero();

        // A settled 0.1 and returns the rest: the rest is free at once, the 0.1 counts until usage shows it spent.
        JsonPath returned = lease("a", scope, budget(period, "0.1", "0"));
        assertThat(returned.getDouble("scopes[0].budget.granted")).isEqualTo(0.1);
        assertThat(returned.getDouble("scopes[0].budget.availableUsd")).isEqualTo(0.5);

        QuarkusTransaction.requiringNew().run(() -> recorder.record(List.of(
                new SpendEvent(key, null, "a", Instant.now(), new BigDecimal("0.1")))));
        assertThat(lease("c", scope, budget(period, "0", "1")).getDouble("scopes[0].budget.granted")).isEqualTo(0.5);
        asAdmin().when().get("/admin/keys/" + key).then().statusCode(200).body("spendUsd", is(0.1f))
                .body("remainingUsd", is(0.9f)).body("lastUsedAt", notNullValue());
    }

    @Test
    void aLeaseNotRenewedStopsCountingAfterItsCallsCanHaveEnded() {
        String scope = "key:" + key("{\"maxBudgetUsd\":1,\"maxParallel\":2}");
        JsonPath crashed = post("""
                {"holder":"doomed","callTimeoutMs":500,"scopes":[{"scope":"%s",
                 "budget":{"held":0,"want":1},"parallel":{"held":0,"want":2}}]}
                """.formatted(scope));
        assertThat(crashed.getDouble("scopes[0].budget.granted")).isEqualTo(1.0);
        assertThat(crashed.getInt("scopes[0].parallel.granted")).isEqualTo(2);
        String period = crashed.getString("scopes[0].budget.periodStart");
        assertThat(post(survivor(scope, period)).getDouble("scopes[0].budget.granted")).isZero();

        // Test settings: a 2 s lease, 1 s of usage grace, and the holder's 0.5 s calls.
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath survivor = post(survivor(scope, period));
            assertThat(survivor.getDouble("scopes[0].budget.granted")).isEqualTo(1.0);
            assertThat(survivor.getInt("scopes[0].parallel.granted")).isEqualTo(2);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(2_500));
    }

    @Test
    void permitsInAnyMinuteStayWithinTheLimitAndUnusedOnesComeBack() {
        String scope = "key:" + key("{\"rpm\":10,\"tpm\":1000}");

        JsonPath a = lease("a", scope, "\"requests\":{\"want\":6},\"tokens\":{\"want\":800}");
        assertThat(a.getLong("scopes[0].requests.granted")).isEqualTo(6);
        assertThat(a.getLong("scopes[0].tokens.granted")).isEqualTo(800);
        long grant = a.getLong("scopes[0].requests.grant");

        JsonPath b = lease("b", scope, "\"requests\":{\"want\":6},\"tokens\":{\"want\":800}");
        assertThat(b.getLong("scopes[0].requests.granted")).isEqualTo(4);
        assertThat(b.getLong("scopes[0].requests.remaining")).isZero();
        assertThat(b.getLong("scopes[0].requests.resetMs")).isBetween(60_000L, 63_000L);
        assertThat(b.getLong("scopes[0].tokens.granted")).isEqualTo(200);
        assertThat(lease("c", scope, "\"requests\":{\"want\":1}").getLong("scopes[0].requests.granted")).isZero();

        // A used 2 of its 6: the other 4 are free again; the 2 used stay occupied for a minute.
        lease("a", scope, "\"requests\":{\"close\":[{\"grant\":" + grant + ",\"used\":2}],\"want\":0}");
        assertThat(lease("c", scope, "\"requests\":{\"want\":10}").getLong("scopes[0].requests.granted")).isEqualTo(4);
        assertThat(lease("c", scope, "\"requests\":{\"want\":1}").getLong("scopes[0].requests.granted")).isZero();
    }

    @Test
    void parallelSlotsAreSharedAndAReleaseReturnsThem() {
        String scope = "key:" + key("{\"maxParallel\":3}");
        assertThat(lease("a", scope, "\"parallel\":{\"held\":0,\"want\":2}").getInt("scopes[0].parallel.granted"))
                .isEqualTo(2);
        assertThat(lease("b", scope, "\"parallel\":{\"held\":0,\"want\":2}").getInt("scopes[0].parallel.granted"))
                .isEqualTo(1);
        lease("a", scope, "\"parallel\":{\"held\":0,\"want\":0},\"release\":true");
        assertThat(lease("b", scope, "\"parallel\":{\"held\":1,\"want\":2}").getInt("scopes[0].parallel.granted"))
                .isEqualTo(3);
    }

    @Test
    void teamAndKeyAreLeasedTogetherAndARevokedKeyGetsNothing() {
        String team = asAdmin().body("{\"name\":\"" + unique("team") + "\",\"rpm\":5}").when().post("/admin/teams")
                .then().statusCode(201).extract().path("id");
        String key = key("{\"rpm\":100,\"team\":\"" + team + "\"}");
        JsonPath both = post("""
                {"holder":"a","callTimeoutMs":1000,"scopes":[{"scope":"team:%s","requests":{"want":10}},
                 {"scope":"key:%s","requests":{"want":10}}]}
                """.formatted(team, key));
        assertThat(both.getString("scopes[0].scope")).isEqualTo("team:" + team);
        assertThat(both.getLong("scopes[0].requests.granted")).isEqualTo(5);
        assertThat(both.getLong("scopes[1].requests.granted")).isEqualTo(10);

        asAdmin().when().delete("/admin/keys/" + key).then().statusCode(200);
        JsonPath revoked = lease("b", "key:" + key, "\"requests\":{\"want\":1}");
        assertThat(revoked.getBoolean("scopes[0].usable")).isFalse();
        assertThat(revoked.getLong("scopes[0].requests.granted")).isZero();
    }

    @Test
    void spendArrivesThroughTheUsageTopicOnceForTheKeyAndItsTeam() throws Exception {
        String team = asAdmin().body("{\"name\":\"" + unique("team") + "\",\"maxBudgetUsd\":10}").when()
                .post("/admin/teams").then().statusCode(201).extract().path("id");
        String key = key("{\"maxBudgetUsd\":5,\"budgetPeriod\":\"daily\",\"team\":\"" + team + "\"}");
        try (var producer = new KafkaProducer<>(Map.<String, Object> of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), new StringSerializer(), new StringSerializer())) {
            // 1M input tokens of openai/gpt-4o-mini at $0.15 and 1M output at $0.60; the first as adapters send it, with
            // the key in a header too, the second as an older adapter did.
            UsageEvent input = usage(key, 1_000_000, 0);
            UsageEvent output = usage(key, 0, 1_000_000);
            producer.send(new ProducerRecord<>(Topics.USAGE, null, input.requestId(), JSON.writeValueAsString(input),
                    List.of(new RecordHeader(MessageHeaders.API_KEY_ID, MessageHeaders.encode(key))))).get();
            producer.send(new ProducerRecord<>(Topics.USAGE, output.requestId(), JSON.writeValueAsString(output))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().when().get("/admin/keys/" + key)
                .then().body("spendUsd", is(0.75f)).body("remainingUsd", is(4.25f)));
        asAdmin().when().get("/admin/teams/" + team).then().body("spendUsd", is(0.75f)).body("remainingUsd", is(9.25f));
        // Telemetry's budget alerts read the same settled spend, with the operations key; a day later the key's daily
        // period is a new one, while the team's total budget still counts it.
        JsonPath settled = settledSpend("");
        assertThat(settled.getDouble("find { it.scope == 'key:" + key + "' }.spendUsd")).isEqualTo(0.75);
        assertThat(settled.getString("find { it.scope == 'key:" + key + "' }.budgetPeriod")).isEqualTo("daily");
        assertThat(settled.getDouble("find { it.scope == 'team:" + team + "' }.spendUsd")).isEqualTo(0.75);
        JsonPath tomorrow = settledSpend("?at=" + Instant.now().plus(Duration.ofDays(1)));
        assertThat(tomorrow.getDouble("find { it.scope == 'key:" + key + "' }.spendUsd")).isZero();
        assertThat(tomorrow.getDouble("find { it.scope == 'team:" + team + "' }.spendUsd")).isEqualTo(0.75);

        // The same records again, as after a rebalance: counted once.
        ConsumerRecord<String, byte[]> record = record(usage(key, 1_000_000, 0), 0);
        usageSpend.count(List.of(record));
        usageSpend.count(List.of(record));
        asAdmin().when().get("/admin/keys/" + key).then().body("spendUsd", is(0.9f));
    }

    @Test
    void aModelWithoutAPriceCountsAtThePriceTheRouterReservedAt() throws Exception {
        String key = key("{\"maxBudgetUsd\":5}");
        Attribution stated = new Attribution("svc", null, null, null, null, null, "router-a", Instant.now(),
                new TokenPrices(new BigDecimal("0.5"), BigDecimal.valueOf(2), null));
        // 1M input and 1M output tokens each, of a model the catalog does not list: USD 2.5 at the price the router
        // stated, nothing without one.
        UsageEvent statedPrice = UsageEvent.builder("req_" + UUID.randomUUID(), 1).timestamp(Instant.now())
                .provider("openai-compatible").model("house-finetune").outcome(Outcome.SUCCESS).latencyMs(10)
                .tokens(1_000_000, 1_000_000, 0).apiKeyId(key).attribution(stated).build();
        UsageEvent noPrice = UsageEvent.builder("req_" + UUID.randomUUID(), 1).timestamp(Instant.now())
                .provider("openai-compatible").model("house-finetune").outcome(Outcome.SUCCESS).latencyMs(10)
                .tokens(1_000_000, 1_000_000, 0).apiKeyId(key).build();

        usageSpend.count(List.of(record(statedPrice, 0), record(noPrice, 1)));

        asAdmin().when().get("/admin/keys/" + key).then().body("spendUsd", is(2.5f));
    }

    @Test
    void badLeaseRequestsAre400s() {
        post400("{\"callTimeoutMs\":1,\"scopes\":[{\"scope\":\"key:x\"}]}", "holder");
        post400("{\"holder\":\"a\",\"scopes\":[]}", "scopes");
        post400("{\"holder\":\"a\",\"scopes\":[{\"scope\":\"user:x\"}]}", "scopes");
        post400("{\"holder\":\"a\",\"scopes\":[{\"scope\":\"key:x\",\"budget\":{\"want\":-1}}]}", "budget.want");
        given().body("{}").contentType("application/json").when().post("/governance/leases").then().statusCode(401);
        // Routers lease with the operations key that services send each other.
        given().header("Authorization", "Bearer test-ops-key").contentType("application/json")
                .body("{\"holder\":\"ops\",\"scopes\":[{\"scope\":\"key:none\",\"requests\":{\"want\":1}}]}")
                .when().post("/governance/leases").then().statusCode(200).body("scopes[0].usable", is(false));
    }

    private static JsonPath settledSpend(String query) {
        return given().header("Authorization", "Bearer test-ops-key").when().get("/governance/spend" + query).then()
                .statusCode(200).extract().jsonPath();
    }

    private static String survivor(String scope, String period) {
        return """
                {"holder":"survivor","callTimeoutMs":500,"scopes":[{"scope":"%s",
                 "budget":{"periodStart":"%s","held":0,"want":1},"parallel":{"held":0,"want":2}}]}
                """.formatted(scope, period);
    }

    private static String budget(String period, String held, String want) {
        return "\"budget\":{\"periodStart\":" + (period == null ? "null" : "\"" + period + "\"") + ",\"held\":" + held
                + ",\"want\":" + want + "}";
    }

    private static JsonPath lease(String holder, String scope, String parts) {
        return post("{\"holder\":\"" + holder + "\",\"callTimeoutMs\":1000,\"scopes\":[{\"scope\":\"" + scope + "\","
                + parts + "}]}");
    }

    private static JsonPath post(String body) {
        return asAdmin().body(body).when().post("/governance/leases").then().statusCode(200).extract().jsonPath();
    }

    private static void post400(String body, String param) {
        asAdmin().body(body).when().post("/governance/leases").then().statusCode(400).body("error.param", is(param));
    }

    private static String key(String fields) {
        String body = "{\"name\":\"" + unique("lease") + "\"," + fields.substring(1);
        return asAdmin().body(body).when().post("/admin/keys").then().statusCode(201).extract().path("id");
    }

    private static UsageEvent usage(String keyId, long input, long output) {
        return UsageEvent.builder("req_" + UUID.randomUUID(), 1).timestamp(Instant.now()).provider("openai")
                .model("gpt-4o-mini").outcome(Outcome.SUCCESS).latencyMs(10).tokens(input, output, 0).apiKeyId(keyId)
                .build();
    }

    /** The event as a record of switchboard.usage, on a partition of its own, at this offset. */
    private static ConsumerRecord<String, byte[]> record(UsageEvent event, long offset) throws Exception {
        return new ConsumerRecord<>(Topics.USAGE, 1_000 + (int) (Math.random() * 1_000), offset,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, 1, 1, "r", JSON.writeValueAsBytes(event),
                new RecordHeaders(), Optional.empty());
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
