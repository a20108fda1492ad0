package dev.switchboard.telemetry.messaging;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.restassured.http.ContentType;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.TopicReader;
import dev.switchboard.telemetry.testing.Event;

/** The Kafka path end to end: idempotent storage under redelivery, percentiles, CSV quoting and the dead-letter topic. */
@QuarkusTest
class UsageIngestionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CSV_HEADER = "timestamp,request_id,attempt,provider,model,outcome,error_class,error_message,"
            + "latency_ms,ttft_ms,input_tokens,output_tokens,cached_input_tokens,cost_usd,price_source,cache_hit,fallback,"
            + "route_policy,route_task,api_key_id,reasoning_tokens,cache_write_tokens,cache_write_1h_tokens,trace_id,"
            + "router_ms,to_adapter_ms,connect_ms,first_token_ms,last_token_ms,back_ms,operation,key_name,team_id,team_name,"
            + "user,tags,metadata";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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
    void redeliveredEventIsCountedOnceInRawEventsAndRollups() throws Exception {
        String provider = Event.unique("redelivery");
        UsageEvent event = Event.of(provider, "m").latency(42).route("balanced", "chat", false).build();
        send(event);
        send(event);
        send(Event.of(provider, "m").latency(58).attempt(2).route("balanced", "chat", true).build());
        send(event);

        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models", hasSize(1))
                .body("models[0].requests", is(2))
                .body("models[0].successRate", is(1.0f))
                .body("models[0].latencyAvgMs", is(50.0f))
                .body("models[0].retries", is(1))
                .body("models[0].fallbacks", is(1)));

        // The rollups saw the event once too: the minute series and the hourly export both count two requests.
        given()
                .queryParam("provider", provider).queryParam("hours", 1).queryParam("bucket", "minute")
                .when().get("/telemetry/history")
                .then()
                .statusCode(200)
                .body("points.requests.sum()", is(2))
                .body("points.retries.sum()", is(1));
        given()
                .queryParam("format", "json").queryParam("granularity", "hour").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("requests.sum()", is(2))
                .body("task", contains("chat"))
                .body("policy", contains("balanced"));
        given()
                .queryParam("format", "json").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("request_id", hasSize(2))
                .body("find { it.latency_ms == 42 }.request_id", is(event.requestId()));
    }

    @Test
    void percentilesAreComputedOverRawEvents() throws Exception {
        String provider = Event.unique("percentiles");
        for (int latency = 1; latency <= 100; latency++) {
            send(Event.of(provider, "m").latency(latency).ttft(latency * 10L).build());
        }
        send(Event.of(provider, "m").latency(5).cacheHit().build());

        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(100))
                .body("models[0].cacheHits", is(1))
                .body("models[0].latencyP50Ms", is(50.5f))
                .body("models[0].latencyP95Ms", is(95.05f))
                .body("models[0].latencyP99Ms", is(99.01f))
                .body("models[0].ttftP50Ms", is(505.0f))
                .body("models[0].ttftP95Ms", is(950.5f)));
    }

    @Test
    void csvExportQuotesCommasQuotesAndNewlines() throws Exception {
        String provider = Event.unique("csv");
        UsageEvent event = Event.of(provider, "m").failed(ErrorClass.SERVER_ERROR, "upstream said \"no\", then\nfailed")
                .latency(7).tokens(3, 0, 0).build();
        send(event);

        await().atMost(WAIT).untilAsserted(() -> {
            String csv = given()
                    .queryParam("format", "csv").queryParam("provider", provider)
                    .when().get("/telemetry/export")
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/csv"))
                    .extract().asString();
            assertThat(csv).startsWith(CSV_HEADER + "\r\n");
            assertThat(csv).contains("," + event.requestId() + ",1," + provider + ",m,error,server_error,"
                    + "\"upstream said \"\"no\"\", then\nfailed\",7,,3,0,0,,unpriced,false,false,,,key-test,0,0,0,,,,,,,,chat,,,,,,"
                    + "\r\n");
        });
        given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .body("models[0].failures", is(1))
                .body("models[0].recentErrors[0].requestId", is(event.requestId()))
                .body("models[0].recentErrors[0].errorClass", is("server_error"))
                .body("models[0].recentErrors[0].message", is("upstream said \"no\", then\nfailed"))
                .body("models[0].costUsd", is(0))
                .body("models[0].ttftP50Ms", nullValue());
    }

    @Test
    void unreadableEventsGoToTheDeadLetterTopicWithTheirReasonAndThePartitionMovesOn() throws Exception {
        String garbage = "not json " + Instant.now().toEpochMilli();
        UsageEvent tooOld = Event.of(Event.unique("old"), "m").at(Instant.now().minus(40, ChronoUnit.DAYS)).build();
        producer.send(new ProducerRecord<>(Topics.USAGE, "bad", garbage)).get(10, TimeUnit.SECONDS);
        send(tooOld);

        try (TopicReader dlq = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE_DLQ)) {
            ConsumerRecord<String, String> dead = dlq.await(r -> garbage.equals(r.value()), WAIT);
            assertThat(MessageHeaders.decode(dead.headers().lastHeader("dead-letter-reason").value()))
                    .contains("not valid JSON");
            ConsumerRecord<String, String> old = dlq.await(TopicReader.keyed(tooOld.requestId()), WAIT);
            assertThat(MessageHeaders.decode(old.headers().lastHeader("dead-letter-reason").value()))
                    .contains("older than the raw retention");
        }

        // The partition was not blocked: a good event sent after the bad ones is still stored.
        String provider = Event.unique("after-dlq");
        send(Event.of(provider, "m").latency(5).build());
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .body("models[0].requests", is(1)));
    }

    @Test
    void badQueryParametersAreA400InTheErrorShape() {
        given()
                .queryParam("format", "xml")
                .when().get("/telemetry/export")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is("format"))
                .body("error.message", is("format 'xml' is not one of csv, json, ndjson"));
        given()
                .queryParam("granularity", "week")
                .when().get("/telemetry/export")
                .then()
                .statusCode(400)
                .body("error.param", is("granularity"));
        given()
                .queryParam("from", "yesterday")
                .when().get("/telemetry/export")
                .then()
                .statusCode(400)
                .body("error.param", is("from"));
        given()
                .queryParam("hours", 0)
                .when().get("/telemetry")
                .then()
                .statusCode(400)
                .body("error.param", is("hours"));
        given()
                .queryParam("hours", "abc")
                .when().get("/telemetry")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.code", is("invalid_parameter"))
                .body("error.message", containsString("abc"));
        given()
                .queryParam("bucket", "week")
                .when().get("/telemetry/history")
                .then()
                .statusCode(400)
                .body("error.param", is("bucket"));
    }

    private void send(UsageEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USAGE, event.requestId(), mapper.writeValueAsString(event)))
                .get(10, TimeUnit.SECONDS);
    }
}
