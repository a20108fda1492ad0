package dev.switchboard.telemetry.ingest;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Topics;
import dev.switchboard.telemetry.alerts.AlertConditions;
import dev.switchboard.telemetry.alerts.AlertRule;
import dev.switchboard.telemetry.alerts.AlertRules;
import dev.switchboard.telemetry.alerts.Observation;
import dev.switchboard.telemetry.testing.Event;

/**
 * Attempts cut off because the client went away, sent through the usage topic: stored and counted as cancelled, and
 * kept out of failures, error rates and latency.
 */
@QuarkusTest
class CancelledOutcomeTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Inject
    AlertConditions conditions;

    @Inject
    AlertRules rules;

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
    void cancelledAttemptsAreStoredAndReportedApartFromFailures() throws Exception {
        String provider = Event.unique("cancelled");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        send(8, Event.of(provider, "m").at(at).latency(100));
        send(2, Event.of(provider, "m").at(at).latency(100).failed(ErrorClass.SERVER_ERROR, "502"));
        send(10, Event.of(provider, "m").at(at).cancelled().latency(5000).tokens(10, 0, 3));

        await().atMost(WAIT).untilAsserted(() -> given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .statusCode(200)
                .body("models[0].requests", is(20)));
        given()
                .queryParam("provider", provider)
                .when().get("/telemetry")
                .then()
                .body("models[0].successes", is(8))
                .body("models[0].failures", is(2))
                .body("models[0].expired", is(0))
                .body("models[0].cancelled", is(10))
                .body("models[0].successRate", is(0.8f))
                .body("models[0].latencyAvgMs", is(100.0f))
                .body("models[0].latencyP99Ms", is(100.0f))
                .body("models[0].outputTokens", is(8 * 20 + 2 * 20 + 10 * 3))
                .body("models[0].recentErrors.outcome", everyItem(is("error")));

        given()
                .queryParam("format", "json").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("findAll { it.outcome == 'cancelled' }", hasSize(10))
                .body("findAll { it.outcome == 'cancelled' }.output_tokens", everyItem(is(3)));
        given()
                .queryParam("format", "json").queryParam("granularity", "hour").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("requests.sum()", is(20))
                .body("cancelled.sum()", is(10))
                .body("failures.sum()", is(2))
                .body("latency_avg_ms", everyItem(is(100.0f)));
        JsonPath history = given()
                .queryParam("provider", provider).queryParam("hours", 1).queryParam("bucket", "minute")
                .when().get("/telemetry/history")
                .then()
                .statusCode(200)
                .extract().jsonPath();
        assertThat(history.getInt("points.cancelled.sum()")).isEqualTo(10);
        assertThat(history.getInt("points.failures.sum()")).isEqualTo(2);
        assertThat(history.getList("points.findAll { it.requests > 0 }.latencyP99Ms", Float.class)).containsOnly(100.0f);

        String metrics = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        String labels = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"" + provider + "\",gen_ai_request_model=\"m\"";
        assertThat(metrics)
                .contains("switchboard_gen_ai_requests_total{cache_hit=\"false\"," + labels + ",outcome=\"cancelled\"} 10.0")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"\"," + labels + "} 8")
                .doesNotContain("gen_ai_client_operation_duration_seconds_count{error_type=\"cancelled\"," + labels);
    }

    @Test
    void cancelledAttemptsNeitherRaiseNorDiluteErrorRates() throws Exception {
        String provider = Event.unique("cancel-rate");
        String idle = Event.unique("cancel-only");
        send(40, Event.of(provider, "m").at(Instant.now().minus(3, ChronoUnit.HOURS)));
        send(15, Event.of(provider, "m"));
        send(5, Event.of(provider, "m").failed(ErrorClass.OVERLOADED, "busy"));
        send(20, Event.of(provider, "m").cancelled());
        send(5, Event.of(idle, "m").cancelled());

        await().atMost(WAIT).untilAsserted(() -> {
            given().queryParam("provider", provider).when().get("/telemetry").then().body("models[0].requests", is(80));
            given().queryParam("provider", idle).when().get("/telemetry").then().body("models[0].requests", is(5));
        });

        Instant now = Instant.now();
        Observation rate = conditions.observe(rule("error-rate"), now).stream()
                .filter(o -> o.provider().equals(provider)).findFirst().orElseThrow();
        assertThat(rate.value()).isEqualTo(25.0);
        assertThat(rate.breaching()).isTrue();
        assertThat(rate.message()).contains("5 of 20 attempts failed");
        assertThat(conditions.observe(rule("provider-down"), now))
                .as("a provider whose attempts were all cancelled is not down")
                .noneMatch(o -> idle.equals(o.provider()));

        JsonPath insights = given().when().get("/telemetry/insights").then().statusCode(200).extract().jsonPath();
        Map<String, Object> numbers = insights.getMap(
                "insights.find { it.kind == 'error-rate-rising' && it.provider == '" + provider + "' }.numbers");
        assertThat(numbers).as(insights.prettify()).isNotNull()
                .containsEntry("recentErrorRatePercent", 25.0f).containsEntry("recentAttempts", 20)
                .containsEntry("recentFailures", 5).containsEntry("baselineAttempts", 40);
    }

    private AlertRule rule(String name) {
        List<AlertRule> named = rules.all().stream().filter(rule -> rule.name().equals(name)).toList();
        assertThat(named).as("rule %s", name).hasSize(1);
        return named.get(0);
    }

    private void send(int count, Event event) throws Exception {
        for (int i = 0; i < count; i++) {
            String requestId = "req-" + UUID.randomUUID();
            producer.send(new ProducerRecord<>(Topics.USAGE, requestId,
                    mapper.writeValueAsString(event.requestId(requestId).build()))).get(10, TimeUnit.SECONDS);
        }
    }
}
