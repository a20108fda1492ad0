package dev.switchboard.registry.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.TopicReader;

/** Shared test helpers: admin requests, model bodies, and reading {@code switchboard.models}. */
public final class Fixtures {

    public static final String ADMIN_KEY = "test-admin-key";

    private Fixtures() {
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** A valid model body; {@code price} is a JSON object or null. */
    public static String model(String provider, String modelId, String capabilities, int contextWindow, int maxOutput,
            String latencyTier, String qualityTier, boolean openWeights, String price) {
        return """
                {"provider":"%s","modelId":"%s","displayName":"%s","description":"test model",
                 "capabilities":[%s],"contextWindow":%d,"maxOutputTokens":%d,"latencyTier":"%s","qualityTier":"%s",
                 "openWeights":%s,"price":%s}
                """.formatted(provider, modelId, modelId, capabilities, contextWindow, maxOutput, latencyTier, qualityTier,
                openWeights, price);
    }

    /** A manual price body; a null {@code effectiveFrom} leaves it out, so the price takes effect now. */
    public static String price(String input, String output, String effectiveFrom) {
        return """
                {"inputCostPerMillion":%s,"outputCostPerMillion":%s,"effectiveFrom":%s,"sourceReference":"test"}
                """.formatted(input, output, effectiveFrom == null ? "null" : "\"" + effectiveFrom + "\"");
    }

    /** Creates the model unless it exists. */
    public static void ensureModel(String provider, String modelId, String body) {
        int status = given().when().get("/models/" + provider + "/" + modelId).then().extract().statusCode();
        if (status == 404) {
            asAdmin().body(body).when().post("/models").then().statusCode(201);
        }
    }

    public static ConsumerRecord<String, String> awaitModelRecord(String key, String valueContains) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicReader reader = TopicReader.wholeTopic(bootstrap, Topics.MODELS)) {
            return reader.await(record -> key.equals(record.key()) && (valueContains == null
                    ? record.value() == null
                    : record.value() != null && record.value().contains(valueContains)), Duration.ofSeconds(20));
        }
    }
}
