package dev.switchboard.telemetry.alerts;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/**
 * Each kind of rule fires once while its condition holds and resolves when it clears, and both changes reach the
 * webhook receiver, which refuses every first delivery so that each one goes through a retry.
 */
@QuarkusTest
class AlertRulesTests {

    private static final Duration DELIVERY = Duration.ofSeconds(15);

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Inject
    AlertEngine engine;

    @Test
    void errorRateFiresOnceAndResolvesWhenTheRateFalls() throws Exception {
        String provider = Event.unique("errors");
        ingest(10, Event.of(provider, "m").failed(ErrorClass.RATE_LIMITED, "slow down"));

        Alert fired = firedBy("error-rate", provider + "/m", engine.evaluate(Instant.now()));
        assertThat(fired.severity()).isEqualTo(Severity.HIGH);
        assertThat(fired.value()).isEqualTo(100.0);
        assertThat(fired.message()).contains("error rate 100.0%", "10 of 10 attempts failed", "threshold 20%");
        assertThat(engine.evaluate(Instant.now())).as("an alert fires once").noneMatch(a -> a.id() == fired.id());

        ingest(90, Event.of(provider, "m"));
        Alert resolved = resolvedBy(fired, engine.evaluate(Instant.now()));
        assertThat(resolved.resolvedValue()).isEqualTo(10.0);

        assertDelivered(fired, resolved);
        given()
                .when().get("/telemetry/alerts")
                .then()
                .statusCode(200)
                .body("history.find { it.id == " + fired.id() + " }.status", is("resolved"))
                .body("history.find { it.id == " + fired.id() + " }.resolvedMessage", is(resolved.resolvedMessage()))
                .body("rules.name", hasItem("error-rate"));
    }

    @Test
    void latencyP95FiresAndResolves() throws Exception {
        String provider = Event.unique("slow");
        ingest(10, Event.of(provider, "m").latency(40_000));

        Alert fired = firedBy("latency-p95", provider + "/m", engine.evaluate(Instant.now()));
        assertThat(fired.message()).contains("p95 latency 40000 ms", "threshold 30000 ms");
        given()
                .when().get("/telemetry/alerts")
                .then()
                .body("active.find { it.id == " + fired.id() + " }.severity", is("warning"));

        ingest(200, Event.of(provider, "m").latency(100));
        Alert resolved = resolvedBy(fired, engine.evaluate(Instant.now()));
        assertThat(resolved.resolvedValue()).isEqualTo(100.0);
        assertDelivered(fired, resolved);
    }

    @Test
    void providerWithoutSuccessIsDownUntilItAnswersAgain() throws Exception {
        String provider = Event.unique("down");
        ingest(2, Event.of(provider, "a").failed(ErrorClass.NETWORK, "connection refused"));
        ingest(1, Event.of(provider, "b").failed(ErrorClass.TIMEOUT, "no answer"));

        Alert fired = firedBy("provider-down", provider, engine.evaluate(Instant.now()));
        assertThat(fired.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired.message()).contains("no success in the last 5m", "3 attempts, all failed");

        ingest(1, Event.of(provider, "b"));
        Alert resolved = resolvedBy(fired, engine.evaluate(Instant.now()));
        assertThat(resolved.resolvedMessage()).contains("answered again");
        assertDelivered(fired, resolved);
    }

    @Test
    void spendOverTheLimitFiresAndResolvesOnceTheWindowHasPassed() throws Exception {
        pricedAtOneDollarPerThousandInputTokens("alert-spend");
        ingest(2, Event.of("alert-spend", "m").tokens(1000, 0, 0));
        Instant now = Instant.now();

        Alert fired = firedBy("test-spend", "alert-spend", engine.evaluate(now));
        assertThat(fired.value()).isEqualTo(2.0);
        assertThat(fired.message()).contains("spend 2.00 USD over the last 1h on alert-spend (threshold 1 USD)");

        Alert resolved = resolvedBy(fired, engine.evaluate(now.plus(2, ChronoUnit.HOURS)));
        assertThat(resolved.resolvedValue()).isZero();
        assertDelivered(fired, resolved);
    }

    @Test
    void budgetBurnFiresWhenTheMonthlyBudgetRunsOutAndResolvesInANewMonth() throws Exception {
        pricedAtOneDollarPerThousandInputTokens("alert-budget");
        ingest(6, Event.of("alert-budget", "m").tokens(1000, 0, 0));
        Instant now = Instant.now();

        Alert fired = firedBy("test-budget", "alert-budget", engine.evaluate(now));
        assertThat(fired.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fired.value()).isZero();
        assertThat(fired.message()).contains("monthly budget of 5.00 USD for alert-budget is spent: 6.00 USD this month");

        Alert resolved = resolvedBy(fired, engine.evaluate(now.plus(40, ChronoUnit.DAYS)));
        assertThat(resolved.resolvedValue()).isEqualTo(9999.0);
        assertDelivered(fired, resolved);
    }

    private void pricedAtOneDollarPerThousandInputTokens(String provider) {
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000", null, "0", "manual")));
    }

    private void ingest(int count, Event event) {
        IntStream.range(0, count).forEach(i -> ingestor.ingest(event.requestId("req-" + UUID.randomUUID()).build()));
    }

    private static Alert firedBy(String rule, String scope, List<Alert> changes) {
        return changes.stream()
                .filter(a -> a.rule().equals(rule) && a.scope().equals(scope) && a.firing())
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire for " + scope + "; changes: " + changes));
    }

    private static Alert resolvedBy(Alert fired, List<Alert> changes) {
        Alert resolved = changes.stream()
                .filter(a -> a.id() == fired.id())
                .findFirst()
                .orElseThrow(() -> new AssertionError("alert " + fired.id() + " did not resolve; changes: " + changes));
        assertThat(resolved.status()).isEqualTo(Alert.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        return resolved;
    }

    /** Both changes arrived, each after one refused delivery, with the alert and a Slack-compatible text. */
    private void assertDelivered(Alert fired, Alert resolved) {
        await().atMost(DELIVERY).untilAsserted(() -> {
            JsonPath deliveries = new Stub(stubUrl).deliveries();
            for (String status : List.of("firing", "resolved")) {
                String mine = "findAll { it.body.alert.id == " + fired.id() + " && it.body.status == '" + status + "' }";
                assertThat(deliveries.getList(mine + ".answered", Integer.class)).containsExactly(500, 200);
                assertThat(deliveries.getString(mine + "[1].body.text"))
                        .startsWith("[" + fired.severity().wireName().toUpperCase() + "] "
                                + status.toUpperCase() + " " + fired.rule() + ": ");
                assertThat(deliveries.getString(mine + "[1].body.alert.scope")).isEqualTo(fired.scope());
            }
        });
        assertThat(resolved.id()).isEqualTo(fired.id());
    }
}
