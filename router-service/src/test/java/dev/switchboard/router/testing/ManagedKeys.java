package dev.switchboard.router.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.Topics;

/**
 * Managed keys for router tests: published on switchboard.keys as the registry would (with their limits given to
 * {@link LeaseStub}), and calls made with them.
 */
public final class ManagedKeys implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A managed key: its id, name and secret. */
    public record Key(String id, String name, String secret) {
    }

    private final KafkaProducer<String, String> producer;

    public ManagedKeys(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    /** A managed key as the registry would publish it, once the router has it. */
    public Key publish(KeyState.Limits limits, List<String> models, KeyState.Team team) {
        Key key = new Key("key_" + shortId(), "svc-" + shortId(), "sb-" + UUID.randomUUID());
        LeaseStub.LIMITS.put("key:" + key.id(), limits);
        send(key, new KeyState(key.id(), key.name(), sha256(key.secret()), KeyState.CREATED, Instant.now(), false, null,
                models, limits, team));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> call(key, "").when().get("/v1/key").then()
                .statusCode(200));
        return key;
    }

    /** Publishes a key's new state. */
    public void send(Key key, KeyState state) {
        try {
            producer.send(new ProducerRecord<>(Topics.KEYS, key.id(), JSON.writeValueAsString(state))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A request with the key, and this JSON body unless it is empty. */
    public static RequestSpecification call(Key key, String body) {
        RequestSpecification request = given().header("Authorization", "Bearer " + key.secret())
                .contentType(ContentType.JSON);
        return body.isEmpty() ? request : request.body(body);
    }

    /** A chat call's body with a user, metadata and a {@code max_tokens}. */
    public static String chat(String model, String prompt, int maxTokens) {
        return """
                {"model":"%s","max_tokens":%d,"user":"user-42","metadata":{"job":"nightly"},
                 "messages":[{"role":"user","content":"%s"}]}
                """.formatted(model, maxTokens, prompt);
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
