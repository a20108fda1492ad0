package dev.switchboard.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;

/**
 * A model is available while the catalog lists it and an adapter that can call its provider announces itself; it stays
 * listed when no adapter serves its provider.
 */
@QuarkusTest
@TestProfile(AvailabilityTests.FollowingAdapters.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AvailabilityTests {

    private static final String INSTANCE = "registry-test-adapter";

    /** Availability follows the adapters' announcements, as in production. */
    public static class FollowingAdapters implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.registry.availability-follows-adapters", "true");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void createProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void withdrawAndClose() throws Exception {
        send("mock/" + INSTANCE, null);
        producer.close();
    }

    @Test
    void aModelIsAvailableOnlyWhileAnAdapterThatCanCallItsProviderIsAnnounced() throws Exception {
        announce("mock", true);
        awaitAvailable("mock/echo", true);

        announce("mock", false);
        awaitAvailable("mock/echo", false);
        given()
                .when().get("/models/mock/echo")
                .then()
                .statusCode(200)
                .body("listed", is(true))
                .body("available", is(false));

        announce("mock", true);
        awaitAvailable("mock/echo", true);
        send("mock/" + INSTANCE, null);
        awaitAvailable("mock/echo", false);
    }

    @Test
    void aProviderNobodyAnnouncesHasNoAvailableModels() {
        given()
                .queryParam("provider", "openai").queryParam("available", true)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("total", is(0));
        given()
                .queryParam("provider", "openai").queryParam("available", false)
                .when().get("/models")
                .then()
                .statusCode(200)
                .body("total", greaterThan(0))
                .body("data.listed", everyItem(is(true)));
    }

    private void awaitAvailable(String model, boolean available) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .when().get("/models/" + model)
                .then()
                .statusCode(200)
                .body("available", is(available)));
    }

    private void announce(String provider, boolean usable) throws Exception {
        AdapterAnnouncement announcement = new AdapterAnnouncement(provider, INSTANCE, usable, usable, true,
                usable ? null : "no API key is set", Instant.now(), 60_000);
        send(announcement.key(), mapper.writeValueAsString(announcement));
    }

    private void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ADAPTERS, key, value)).get();
    }
}
