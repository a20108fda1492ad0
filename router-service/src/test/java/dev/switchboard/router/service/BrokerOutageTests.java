package dev.switchboard.router.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

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
import io.restassured.http.ContentType;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.KafkaServer;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.RegistryStubResource;

/**
 * A broker outage is not an adapter outage: while the router cannot read {@code switchboard.adapters}, the announcements
 * it holds do not age, so a provider served before the outage is still served when the broker comes back; and an
 * attempt the broker does not have yet is not one that no adapter took, so it neither falls back nor counts against its
 * provider, but waits for the broker within its deadline.
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
        awaitReady();
        Instant announced = announce(PROVIDER, TTL);
        FakeAdapter.awaitServed(PROVIDER, true);

        KafkaServer broker = KafkaTestResource.broker();
        broker.stop();
        try {
            // Past the announcement's TTL, with no broker to bring a newer one.
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), announced.plus(TTL).plusSeconds(3)).toMillis()));
            served(true, "during the outage, past the TTL");
        } finally {
            broker.restart();
        }
        served(true, "right after the broker is back, before any new announcement");

        // What was left of it when the broker went away runs out, since no adapter renews it.
        FakeAdapter.awaitServed(PROVIDER, false);
    }

    @Test
    void anAttemptTheBrokerDoesNotHaveIsNotOneNoAdapterTook() throws Exception {
        awaitReady();
        announce("openai", Duration.ofMinutes(2));
        announce("ollama", Duration.ofMinutes(2));
        FakeAdapter.awaitServed("openai", true);
        FakeAdapter.awaitServed("ollama", true);

        KafkaServer broker = KafkaTestResource.broker();
        broker.stop();
        try {
            given()
                    .header("Authorization", "Bearer test-key")
                    .contentType(ContentType.JSON)
                    .body("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
                            + "\"models\":[\"ollama/llama3.2:3b\"]}")
                    .when().post("/v1/chat/completions")
                    .then()
                    .statusCode(504)
                    .body("error.code", is("timeout"))
                    .header("X-Switchboard-Attempts", "1")
                    .header("X-Switchboard-Route", not(containsString("not taken")));
        } finally {
            broker.restart();
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200));
    }

    private Instant announce(String provider, Duration ttl) throws Exception {
        Instant announced = Instant.now();
        AdapterAnnouncement announcement = new AdapterAnnouncement(provider, "outage-test", true, true, true, null,
                announced, ttl.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ADAPTERS, announcement.key(),
                    new ObjectMapper().findAndRegisterModules().writeValueAsString(announcement))).get();
        }
        return announced;
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
