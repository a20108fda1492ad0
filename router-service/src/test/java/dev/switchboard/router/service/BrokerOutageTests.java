package dev.switchboard.router.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.KafkaServer;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

/**
 * A broker outage is not an adapter outage: while the router cannot read {@code switchboard.adapters}, the announcements
 * it holds do not age, so a provider served before the outage is still served when the broker comes back.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
@TestProfile(BrokerOutageTests.OwnBroker.class)
class BrokerOutageTests {

    /** A router and a broker of its own: the broker is stopped here, which no other test class should see. */
    public static class OwnBroker implements QuarkusTestProfile {
    }

    private static final String PROVIDER = "mistral";
    private static final Duration TTL = Duration.ofSeconds(6);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void anAnnouncementOutlivesABrokerOutageLongerThanItsTtlAndAgesAgainAfterIt() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
        Instant announced = Instant.now();
        AdapterAnnouncement announcement = new AdapterAnnouncement(PROVIDER, "outage-test", true, true, true, null,
                announced, TTL.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS, announcement.key(),
                    new ObjectMapper().findAndRegisterModules().writeValueAsString(announcement))).get();
        }
        FakeAdapter.awaitServed(PROVIDER, true);

        KafkaServer broker = KafkaTestResource.broker();
        broker.stop();
        try {
            // Past the announcement's TTL, with no broker to bring a newer one.
            Thread.sleep(Duration.between(Instant.now(), announced.plus(TTL).plusSeconds(3)).toMillis());
            served(true, "during the outage, past the TTL");
        } finally {
            broker.restart();
        }
        served(true, "right after the broker is back, before any new announcement");

        // What was left of it when the broker went away runs out, since no adapter renews it.
        FakeAdapter.awaitServed(PROVIDER, false);
    }

    private static void served(boolean served, String when) {
        Boolean said = given()
                .header("Authorization", "Bearer test-key")
                .when().get("/v1/providers")
                .then()
                .statusCode(200)
                .extract().path("data.find { it.name == '" + PROVIDER + "' }.served");
        assertThat(said).as("served " + when).isEqualTo(served);
    }
}
