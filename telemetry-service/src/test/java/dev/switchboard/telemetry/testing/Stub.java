package dev.switchboard.telemetry.testing;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Steers {@link StubServers} over HTTP: models and prices of the stub registry, failures, and what it received. */
public final class Stub {

    private final String baseUrl;

    public Stub(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A price row as the registry shows it, figures as JSON numbers; {@code cached} may be null. */
    public static Map<String, Object> price(String effectiveFrom, String input, String cached, String output,
            String source) {
        HashMap<String, Object> price = new HashMap<>();
        price.put("inputCostPerMillion", number(input));
        price.put("cachedInputCostPerMillion", number(cached));
        price.put("outputCostPerMillion", number(output));
        price.put("reasoningCostPerMillion", null);
        price.put("cacheWriteCostPerMillion", null);
        price.put("cacheWrite1hCostPerMillion", null);
        price.put("effectiveFrom", effectiveFrom);
        price.put("source", source);
        price.put("sourceReference", "test");
        price.put("status", "active");
        price.put("setAt", effectiveFrom);
        return price;
    }

    private static BigDecimal number(String figure) {
        return figure == null ? null : new BigDecimal(figure);
    }

    /** Registers a model whose current price is the first of {@code history} (newest first), or none. */
    public void model(String provider, String modelId, String qualityTier, List<String> capabilities,
            List<Map<String, Object>> history) {
        HashMap<String, Object> model = new HashMap<>();
        model.put("id", provider + "/" + modelId);
        model.put("provider", provider);
        model.put("modelId", modelId);
        model.put("qualityTier", qualityTier);
        model.put("capabilities", capabilities);
        model.put("available", true);
        model.put("deprecated", false);
        model.put("price", history.isEmpty() ? null : history.get(0));
        model.put("priceHistory", history);
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(model)
                .when().put("/__stub/models")
                .then().statusCode(200);
    }

    /** Adds a price drift to what the registry's {@code GET /prices/drift} answers. */
    public void drift(String provider, String modelId, String resolution, Map<String, Object> inForce,
            Map<String, Object> synced) {
        HashMap<String, Object> drift = new HashMap<>();
        drift.put("model", provider + "/" + modelId);
        drift.put("provider", provider);
        drift.put("modelId", modelId);
        drift.put("resolution", resolution);
        drift.put("detectedAt", synced.get("effectiveFrom"));
        drift.put("lastSeenAt", synced.get("effectiveFrom"));
        drift.put("inForce", inForce);
        drift.put("synced", synced);
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(drift)
                .when().put("/__stub/drifts")
                .then().statusCode(200);
    }

    /** Makes the registry answer {@code status} for this model until it is registered again. */
    public void fail(String id, int status) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("id", id, "status", status))
                .when().put("/__stub/failures")
                .then().statusCode(200);
    }

    /** Makes the registry's {@code GET /governance/spend} say that a key or team settled {@code usd} in its period. */
    public void settled(String scope, String usd) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("scope", scope, "spendUsd", number(usd)))
                .when().put("/__stub/spend")
                .then().statusCode(200);
    }

    /** Makes the registry's {@code GET /governance/spend} answer with this status (200: the spend set so far). */
    public void spendAnswers(int status) {
        given().baseUri(baseUrl).contentType(ContentType.JSON).body(Map.of("status", status))
                .when().put("/__stub/spend-status")
                .then().statusCode(200);
    }

    /** The raw paths the registry stub was asked for. */
    public List<String> registryPaths() {
        return given().baseUri(baseUrl).when().get("/__stub/requests").then().statusCode(200).extract().jsonPath()
                .getList("$", String.class);
    }

    /** Every webhook delivery so far, refused ones included: {answered, body}. */
    public JsonPath deliveries() {
        return given().baseUri(baseUrl).when().get("/__stub/deliveries").then().statusCode(200).extract().jsonPath();
    }
}
