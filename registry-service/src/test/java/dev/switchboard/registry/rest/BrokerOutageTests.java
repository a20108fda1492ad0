package dev.switchboard.registry.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.KafkaServer;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;

/**
 * A broker outage is not an adapter outage: while the registry cannot read {@code switchboard.adapters}, the
 * announcements it holds do not age, so a model available before the outage stays available through it, and its
 * announcement runs out only after the broker is back and no adapter renews it. It shares {@link AvailabilityTests}'
 * profile, so both run on one start of the registry and its broker; this class stops that broker and starts it again.
 */
@QuarkusTest
@TestProfile(AvailabilityTests.FollowingAdapters.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class BrokerOutageTests {

    private static final String MODEL = "mock/echo";
    /**
     * Long enough for the registry, already reading the topic, to see the announcement on a loaded machine, and short
     * enough to outlast quickly: the test waits it out twice.
     */
    private static final Duration TTL = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anAnnouncementOutlivesABrokerOutageLongerThanItsTtlAndAgesAgainAfterIt() throws Exception {
        // Nobody announces the mock yet: once the registry says so, it has read the topic and follows it.
        awaitAvailable(false);
        Instant announced = announce();
        awaitAvailable(true);

        KafkaServer broker = KafkaTestResource.broker();
        broker.stop();
        try {
            // Past the announcement's TTL, with no broker to bring a newer one.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), announced.plus(TTL).plusSeconds(3)).toMillis()));
            assertThat(available()).as("available during the outage, past the TTL").isTrue();
        } finally {
            broker.restart();
        }
        assertThat(available()).as("available right after the broker is back, before any new announcement").isTrue();

        // What was left of it when the broker went away runs out, since no adapter renews it.
        awaitAvailable(false);
    }

    private static boolean available() {
        return given().when().get("/models/" + MODEL).then().statusCode(200).extract().path("available");
    }

    private static void awaitAvailable(boolean available) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given()
                .when().get("/models/" + MODEL)
                .then()
                .statusCode(200)
                .body("available", is(available)));
    }

    private Instant announce() throws Exception {
        Instant announced = Instant.now();
        AdapterAnnouncement announcement = new AdapterAnnouncement("mock", "registry-outage-test", true, true, true,
                null, announced, TTL.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS, announcement.key(),
                    new ObjectMapper().findAndRegisterModules().writeValueAsString(announcement))).get();
        }
        return announced;
    }
}
