package dev.switchboard.telemetry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class UsageIngestionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CSV_HEADER = "timestamp,request_id,attempt,provider,model,outcome,error_class,error_message,"
            + "latency_ms,ttft_ms,input_tokens,output_tokens,cached_input_tokens";

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
    void redeliveredEventIsStoredOnce() throws Exception {
        String model = uniqueModel();
        UsageEvent event = success("req-" + UUID.randomUUID(), model, 42);
        send(event);
        send(event);
        send(success("req-" + UUID.randomUUID(), model, 58));

        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("model", model)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models", hasSize(1))
                .body("models[0].requests", is(2))
                .body("models[0].successRate", is(1.0f))
                .body("models[0].latencyAvgMs", is(50.0f)));

        given()
                .queryParam("format", "json").queryParam("model", model)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("request_id", hasSize(2))
                .body("find { it.latency_ms == 42 }.request_id", is(event.requestId()));
    }

    @Test
    void percentilesAreComputedOverRawEvents() throws Exception {
        String model = uniqueModel();
        for (int latency = 1; latency <= 100; latency++) {
            send(success("req-" + UUID.randomUUID(), model, latency));
        }

        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("model", model)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(100))
                .body("models[0].latencyP50Ms", is(50.5f))
                .body("models[0].latencyP95Ms", is(95.05f))
                .body("models[0].latencyP99Ms", is(99.01f)));
    }

    @Test
    void csvExportQuotesCommasQuotesAndNewlines() throws Exception {
        String model = uniqueModel();
        String requestId = "req-" + UUID.randomUUID();
        send(new UsageEvent(requestId, 1, now(), "mock", model, Outcome.ERROR, ErrorClass.SERVER_ERROR,
                "upstream said \"no\", then\nfailed", 7, null, 3, 0, 0, "key-a"));

        await().atMost(WAIT).untilAsserted(() -> {
            String csv = given()
                    .queryParam("format", "csv").queryParam("model", model)
                    .when().get("/telemetry/export")
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/csv"))
                    .extract().asString();
            assertThat(csv).startsWith(CSV_HEADER + "\r\n");
            assertThat(csv).contains("," + requestId + ",1,mock," + model + ",error,server_error,"
                    + "\"upstream said \"\"no\"\", then\nfailed\",7,,3,0,0\r\n");
        });
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicWithItsReason() throws Exception {
        String garbage = "not json " + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.USAGE, "bad", garbage)).get(10, TimeUnit.SECONDS);

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USAGE_DLQ));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> garbage.equals(r.value()));
            });
            ConsumerRecord<String, String> dead = seen.stream().filter(r -> garbage.equals(r.value())).findFirst()
                    .orElseThrow();
            assertThat(MessageHeaders.decode(dead.headers().lastHeader("dead-letter-reason").value()))
                    .contains("not valid JSON");
        }

        // The partition was not blocked: a good event sent after the bad one is still stored.
        String model = uniqueModel();
        send(success("req-" + UUID.randomUUID(), model, 5));
        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("model", model)
                .when().get("/telemetry")
                .then()
                .body("models[0].requests", is(1)));
    }

    @Test
    void unknownExportFormatIsA400InTheErrorShape() {
        given()
                .queryParam("format", "xml")
                .when().get("/telemetry/export")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.message", is("format 'xml' is not one of csv, json, ndjson"));
    }

    private void send(UsageEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USAGE, event.requestId(), mapper.writeValueAsString(event)))
                .get(10, TimeUnit.SECONDS);
    }

    private static UsageEvent success(String requestId, String model, long latencyMs) {
        return new UsageEvent(requestId, 1, now(), "mock", model, Outcome.SUCCESS, null, null, latencyMs, null, 10, 20, 0,
                "key-a");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String uniqueModel() {
        return "model-" + UUID.randomUUID();
    }
}
