package dev.switchboard.telemetry.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.Topics;
import dev.switchboard.telemetry.budgets.KeyBook;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/**
 * Telemetry learns each managed key's and team's budget from the keys' topic and its settled spend from the registry,
 * and a key or team that has spent 80 % and then 100 % of it fires each alert once in the period, to the webhooks; a
 * new period resolves them. Telemetry's own priced spend does not move them: budgets are enforced on the registry's.
 */
@QuarkusTest
class BudgetAlertTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The one consumer group telemetry has: the usage events'. */
    private static final String USAGE_GROUP = "switchboard-telemetry";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    ObjectMapper mapper;

    @Inject
    KeyBook keys;

    @Inject
    UsageIngestor ingestor;

    @Inject
    AlertEngine engine;

    @Test
    void aKeyAndATeamFireAtEightyAndAtAHundredPercentOfTheirSettledSpendOncePerPeriod() throws Exception {
        Stub registry = new Stub(stubUrl);
        String provider = Event.unique("budgets");
        registry.model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000", null, "0", "manual")));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        KeyState.Team team = new KeyState.Team("team-" + suffix, "Search", List.of(), limits("20"));
        KeyState capped = key("key-a-" + suffix, "search-svc", limits("10"), team);
        KeyState uncapped = key("key-b-" + suffix, "search-batch", KeyState.Limits.NONE, team);
        String keyScope = "key:" + capped.id();
        String teamScope = "team:" + team.id();
        publish(capped);
        publish(uncapped);
        await().atMost(WAIT).until(() -> keys.scopes().stream().anyMatch(s -> s.scope().equals("key:" + uncapped.id())));

        // The registry settled 8 of the key's 10 USD: 80 %; the team has 8 of 20. Telemetry priced 10 USD of the key's
        // attempts (its prices differ): the alert follows the registry, where the budget is enforced.
        spend(provider, capped, 10);
        registry.settled(keyScope, "8");
        registry.settled(teamScope, "8");
        Instant now = Instant.now();
        List<Alert> first = engine.evaluate(now);
        Alert keyAt80 = firedBy("key-budget-80", keyScope, first);
        assertThat(keyAt80.message()).contains("key search-svc (" + capped.id() + ") has spent 8.00 USD of its monthly "
                + "budget of 10.00 USD (80.0%; threshold 80%)");
        assertThat(first).noneMatch(a -> a.rule().equals("key-budget-100") && a.scope().equals(keyScope));
        assertThat(first).noneMatch(a -> a.scope().equals(teamScope));
        assertThat(engine.evaluate(now)).as("each threshold fires once a period")
                .noneMatch(a -> a.scope().equals(keyScope));

        // The key reaches its whole budget; its team, with the other key's 8 USD, 18 of 20: 90 %.
        registry.settled(keyScope, "10");
        registry.settled(teamScope, "18");
        List<Alert> second = engine.evaluate(now);
        Alert keyAt100 = firedBy("key-budget-100", keyScope, second);
        assertThat(keyAt100.severity().wireName()).isEqualTo("high");
        Alert teamAt80 = firedBy("key-budget-80", teamScope, second);
        assertThat(teamAt80.message()).contains("team Search (" + team.id() + ") has spent 18.00 USD", "(90.0%");
        assertThat(second).noneMatch(a -> a.id() == keyAt80.id());
        assertThat(second).noneMatch(a -> a.scope().equals("key:" + uncapped.id()));
        assertThat(engine.evaluate(now)).noneMatch(a -> a.scope().contains(suffix));

        // A new month, while the registry cannot be reached: its spend is unknown, so nothing fires or resolves.
        Instant nextMonth = now.plus(40, ChronoUnit.DAYS);
        registry.settled(keyScope, "0");
        registry.settled(teamScope, "0");
        registry.spendAnswers(503);
        try {
            assertThat(engine.evaluate(nextMonth)).noneMatch(a -> a.scope().contains(suffix));
        } finally {
            registry.spendAnswers(200);
        }
        // Once it answers, nothing is spent in the new month yet, so every one of them resolves.
        List<Alert> resolved = engine.evaluate(nextMonth);
        for (Alert fired : List.of(keyAt80, keyAt100, teamAt80)) {
            assertThat(resolved).anyMatch(a -> a.id() == fired.id() && a.status().equals(Alert.RESOLVED));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath deliveries = registry.deliveries();
            for (Alert fired : List.of(keyAt80, keyAt100, teamAt80)) {
                assertThat(deliveries.getList("findAll { it.body.alert.id == " + fired.id() + " && it.answered == 200 }"
                        + ".body.status", String.class)).containsExactly("firing", "resolved");
            }
        });
    }

    @Test
    void theKeysAreReadWithoutAConsumerGroupOfTheirOwn() throws Exception {
        KeyState key = key("key-c-" + UUID.randomUUID().toString().substring(0, 8), "grouped", limits("5"), null);
        publish(key);
        await().atMost(WAIT).until(() -> keys.scopes().stream().anyMatch(s -> s.scope().equals("key:" + key.id())));

        // Each start used to join a group of its own, left behind empty on the broker once it stopped.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.listGroups().all().get(10, TimeUnit.SECONDS))
                    .extracting(GroupListing::groupId)
                    .containsOnly(USAGE_GROUP);
        }
    }

    private static KeyState.Limits limits(String budgetUsd) {
        return new KeyState.Limits(new BigDecimal(budgetUsd), BudgetPeriod.MONTHLY, null, null, null);
    }

    private static KeyState key(String id, String name, KeyState.Limits limits, KeyState.Team team) {
        return new KeyState(id, name, "0".repeat(64), KeyState.CREATED, Instant.now(), false, null, List.of(), limits,
                team);
    }

    private void publish(KeyState key) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.KEYS, key.id(), mapper.writeValueAsString(key)))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** Attempts of the key that telemetry prices at {@code usd} (1 USD each: 1000 input tokens at 1000 USD a million). */
    private void spend(String provider, KeyState key, int usd) {
        IntStream.range(0, usd).forEach(i -> ingestor.ingest(Event.of(provider, "m").key(key.id())
                .requestId("req-" + UUID.randomUUID()).tokens(1000, 0, 0).build()));
    }

    private static Alert firedBy(String rule, String scope, List<Alert> changes) {
        return changes.stream()
                .filter(a -> a.rule().equals(rule) && a.scope().equals(scope) && a.firing())
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire for " + scope + "; changes: " + changes));
    }
}
