package dev.switchboard.telemetry.attribution;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/**
 * What each call was (its operation) and who it is attributed to (key, team, end user, metadata, tags) travel from the
 * usage topic into storage, and the exports, the statistics, the spend groups and the request log show and filter by
 * them.
 */
@QuarkusTest
class AttributionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    ObjectMapper mapper;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void eachCallsOperationIsStoredAndShownInExportsStatisticsAndTheRequestLog() throws Exception {
        String provider = pricedProvider("operations");
        UsageEvent embeddings = Event.of(provider, "m").operation(Operation.EMBEDDINGS).tokens(1000, 0, 0).build();
        UsageEvent responses = Event.of(provider, "m").operation(Operation.RESPONSES).build();
        UsageEvent messages = Event.of(provider, "m").operation(Operation.MESSAGES).build();
        UsageEvent chat = Event.of(provider, "m").build();
        send(embeddings, responses, messages, chat);
        awaitStored(provider, 4);

        given()
                .queryParam("provider", provider).queryParam("operation", "embeddings")
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("request_id", contains(embeddings.requestId()))
                .body("operation", contains("embeddings"));
        given()
                .queryParam("provider", provider).queryParam("by", "operation")
                .when().get("/telemetry/spend")
                .then()
                .statusCode(200)
                .body("by", is("operation"))
                .body("groups.id", contains("embeddings", "chat", "messages", "responses"))
                .body("groups[0].requests", is(1))
                .body("groups[0].inputTokens", is(1000))
                .body("groups[0].costUsd", is(1));
        given()
                .queryParam("provider", provider).queryParam("operation", "responses")
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(1));
        given()
                .queryParam("provider", provider).queryParam("operation", "messages")
                .when().get("/telemetry/requests")
                .then()
                .statusCode(200)
                .body("data.requestId", contains(messages.requestId()))
                .body("data[0].operation", is("messages"));
        given()
                .when().get("/telemetry/requests/" + embeddings.requestId())
                .then()
                .statusCode(200)
                .body("summary.operation", is("embeddings"));
    }

    @Test
    void spendIsGroupedAndFilteredByKeyTeamUserAndTag() throws Exception {
        String provider = pricedProvider("attributed");
        Attribution search = new Attribution("search-svc", "team-s", "Search", "alice", Map.of("env", "prod"),
                List.of("rag", "beta"), null, null);
        Attribution billing = new Attribution("billing-svc", "team-b", "Billing", "bob", null, List.of("batch"), null,
                null);
        UsageEvent first = Event.of(provider, "m").key("key-s1").attributed(search).tokens(1000, 0, 0).build();
        UsageEvent second = Event.of(provider, "m").key("key-s1").attributed(search).tokens(1000, 0, 0).build();
        UsageEvent third = Event.of(provider, "m").key("key-b1").attributed(billing).tokens(2000, 0, 0).build();
        UsageEvent unattributed = Event.of(provider, "m").key("static-1").tokens(500, 0, 0).build();
        send(first, second, third, unattributed);
        awaitStored(provider, 4);

        String csv = given()
                .queryParam("provider", provider).queryParam("format", "csv").queryParam("key", "key-s1")
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).endsWith(",operation,key_name,team_id,team_name,user,tags,metadata");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).endsWith(",chat,search-svc,team-s,Search,alice,rag;beta,\"{\"\"env\"\": \"\"prod\"\"}\"");

        given()
                .queryParam("provider", provider).queryParam("key", "billing-svc")
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("request_id", contains(third.requestId()))
                .body("key_name", contains("billing-svc"))
                .body("tags[0]", contains("batch"));
        given()
                .queryParam("provider", provider).queryParam("team", "Search").queryParam("user", "alice")
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given()
                .queryParam("provider", provider).queryParam("tag", "batch")
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(1))
                .body("models[0].inputTokens", is(2000));

        given()
                .queryParam("provider", provider).queryParam("by", "key")
                .when().get("/telemetry/spend")
                .then()
                .statusCode(200)
                .body("groups.id", contains("key-s1", "key-b1", "static-1"))
                .body("groups.name", contains("search-svc", "billing-svc", null))
                .body("groups.costUsd", contains(2, 2, 0.5f))
                .body("groups.requests", contains(2, 1, 1));
        given()
                .queryParam("provider", provider).queryParam("by", "team")
                .when().get("/telemetry/spend")
                .then()
                .statusCode(200)
                .body("groups.id", containsInAnyOrder("team-s", "team-b", null))
                .body("groups.find { it.id == 'team-s' }.name", is("Search"))
                .body("groups.find { it.id == 'team-s' }.costUsd", is(2));
        given()
                .queryParam("provider", provider).queryParam("by", "user").queryParam("team", "team-s")
                .when().get("/telemetry/spend")
                .then()
                .statusCode(200)
                .body("groups.id", contains("alice"))
                .body("groups[0].requests", is(2));
        given()
                .queryParam("provider", provider).queryParam("by", "tag")
                .when().get("/telemetry/spend")
                .then()
                .statusCode(200)
                .body("groups.id", containsInAnyOrder("rag", "beta", "batch", null))
                .body("groups.find { it.id == 'rag' }.requests", is(2))
                .body("groups.find { it.id == 'batch' }.costUsd", is(2));
        given()
                .queryParam("provider", provider).queryParam("user", "bob")
                .when().get("/telemetry/requests")
                .then()
                .statusCode(200)
                .body("data.requestId", contains(third.requestId()))
                .body("data[0].caller.teamName", is("Billing"));
        given()
                .when().get("/telemetry/requests/" + first.requestId())
                .then()
                .statusCode(200)
                .body("summary.caller.metadata.env", is("prod"));
    }

    @Test
    void hourAndDayExportsAndTheHistoryAreFilteredByAttributionAndMetadataPairsFilterEveryRow() throws Exception {
        String provider = pricedProvider("filtered");
        Attribution search = new Attribution("search-svc", "team-s", "Search", "alice",
                Map.of("env", "prod", "tier", "gold"), List.of("rag"), null, null);
        Attribution billing = new Attribution("billing-svc", "team-b", "Billing", "bob", Map.of("env", "dev"),
                List.of("batch"), null, null);
        UsageEvent first = Event.of(provider, "m").key("key-s1").attributed(search).tokens(1000, 0, 0).build();
        UsageEvent second = Event.of(provider, "m").key("key-s1").attributed(search).tokens(1000, 0, 0).build();
        UsageEvent third = Event.of(provider, "m").key("key-b1").attributed(billing).tokens(2000, 0, 0).build();
        send(first, second, third);
        awaitStored(provider, 3);

        for (String granularity : List.of("hour", "day")) {
            given().queryParam("provider", provider).queryParam("granularity", granularity).queryParam("team", "Search")
                    .when().get("/telemetry/export")
                    .then().statusCode(200)
                    .body("requests.sum()", is(2)).body("input_tokens.sum()", is(2000))
                    .body("api_key_id", everyItem(is("key-s1")));
            given().queryParam("provider", provider).queryParam("granularity", granularity).queryParam("tag", "batch")
                    .when().get("/telemetry/export")
                    .then().statusCode(200)
                    .body("requests.sum()", is(1)).body("input_tokens.sum()", is(2000));
        }
        given().queryParam("provider", provider).queryParam("bucket", "minute").queryParam("hours", 1)
                .queryParam("user", "bob")
                .when().get("/telemetry/history")
                .then().statusCode(200)
                .body("points.requests.sum()", is(1)).body("points.inputTokens.sum()", is(2000));
        given().queryParam("provider", provider).queryParam("hours", 1).queryParam("key", "search-svc")
                .when().get("/telemetry/history")
                .then().statusCode(200)
                .body("points.requests.sum()", is(2)).body("points.successes.sum()", is(2));

        given().queryParam("provider", provider).queryParam("metadata.env", "prod").queryParam("metadata.tier", "gold")
                .when().get("/telemetry/export")
                .then().statusCode(200)
                .body("request_id", containsInAnyOrder(first.requestId(), second.requestId()));
        given().queryParam("provider", provider).queryParam("metadata.env", "dev")
                .when().get("/telemetry/requests")
                .then().statusCode(200)
                .body("data.requestId", contains(third.requestId()));
        given().queryParam("provider", provider).queryParam("metadata.env", "prod").queryParam("metadata.tier", "silver")
                .when().get("/telemetry/requests")
                .then().statusCode(200)
                .body("data", hasSize(0));
        given().queryParam("provider", provider).queryParam("granularity", "day").queryParam("metadata.env", "dev")
                .when().get("/telemetry/export")
                .then().statusCode(200)
                .body("requests.sum()", is(1));
    }

    @Test
    void badFilterValuesAre400sNamingTheParameter() {
        for (String route : List.of("/telemetry", "/telemetry/export", "/telemetry/spend", "/telemetry/requests")) {
            given().queryParam("operation", "completion")
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("operation"))
                    .body("error.message", is("operation 'completion' is not one of chat, responses, messages, "
                            + "embeddings, count_tokens"));
            given().queryParam("key", "k".repeat(256))
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("key"));
            given().queryParam("team", "a\u0001b")
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("team"));
            given().queryParam("user", "u".repeat(300))
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("user"));
            given().queryParam("tag", "t\nu")
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("tag"));
        }
        given().queryParam("by", "model")
                .when().get("/telemetry/spend")
                .then().statusCode(400).body("error.param", is("by"))
                .body("error.message", is("by 'model' is not one of operation, key, team, user, tag"));
        for (String route : List.of("/telemetry/export", "/telemetry/requests")) {
            given().queryParam("metadata.", "x")
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("metadata."));
            given().queryParam("metadata.env", "v".repeat(513))
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("metadata.env"));
            given().queryParam("metadata.env", "a", "b")
                    .when().get(route)
                    .then().statusCode(400).body("error.param", is("metadata.env"));
        }
    }

    /** A provider no other test uses, whose model costs 1000 USD per million input tokens and nothing for output. */
    private String pricedProvider(String prefix) {
        String provider = Event.unique(prefix);
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000", null, "0", "catalog")));
        return provider;
    }

    private void send(UsageEvent... events) throws Exception {
        for (UsageEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.USAGE, event.requestId(), mapper.writeValueAsString(event)))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitStored(String provider, int count) {
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("$", hasSize(count)));
    }
}
