package dev.switchboard.adapters.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.RouterRecords;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.TopicReader;

/**
 * Neither a provider key nor a gateway key appears in the adapter's log, its replies or its usage events, even when the
 * provider cannot be reached and a caller sends a wrong key.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class KeysNeverLoggedTests {

    private static final String PROVIDER_KEY = "test-mistral-key-never-logged";
    private static final String WRONG_GATEWAY_KEY = "sb-wrong-gateway-key-never-logged";
    private static final Path LOG = Path.of("target/adapters-test.log");
    private static final int REPLY_PARTITION = 6;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void aFailedProviderCallAndAWrongGatewayKeyLeaveNoKeyBehind() throws Exception {
        given().header("Authorization", "Bearer " + WRONG_GATEWAY_KEY).when().get("/providers").then().statusCode(401);
        String listing = given().header("Authorization", "Bearer test-ops-key")
                .when().get("/providers/mistral/models")
                .then().statusCode(502)
                .extract().asString();

        CompletionRequest request = request();
        try (TopicReader replies = TopicReader.partition(bootstrapServers, Topics.REPLIES, REPLY_PARTITION);
                TopicReader usage = TopicReader.wholeTopic(bootstrapServers, Topics.USAGE)) {
            send(request);
            String reply = replies.await(TopicReader.replyTo(request.requestId()), Duration.ofSeconds(30)).value();
            String event = usage.await(TopicReader.keyed(request.requestId()), Duration.ofSeconds(30)).value();

            assertThat(reply).contains("\"error\"").doesNotContain(PROVIDER_KEY);
            assertThat(event).doesNotContain(PROVIDER_KEY);
        }
        assertThat(listing).doesNotContain(PROVIDER_KEY);
        assertThat(Files.readString(LOG)).contains("mistral").doesNotContain(PROVIDER_KEY)
                .doesNotContain(WRONG_GATEWAY_KEY).doesNotContain("test-ops-key");
    }

    private CompletionRequest request() {
        ObjectNode body = mapper.createObjectNode().put("model", "mistral/mistral-small-latest");
        body.putArray("messages").add(mapper.createObjectNode().put("role", "user").put("content", "hello"));
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, "mistral", "mistral-small-latest",
                System.currentTimeMillis() + 30_000, "key-test", body);
    }

    private void send(CompletionRequest request) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(RouterRecords.request(mapper, Topics.requests("mistral"), request, REPLY_PARTITION, null))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
