package dev.switchboard.registry.rest;

import static dev.switchboard.local.testing.WrongTypes.Kind.ARRAY;
import static dev.switchboard.local.testing.WrongTypes.Kind.BOOLEAN;
import static dev.switchboard.local.testing.WrongTypes.Kind.INTEGER;
import static dev.switchboard.local.testing.WrongTypes.Kind.NUMBER;
import static dev.switchboard.local.testing.WrongTypes.Kind.OBJECT;
import static dev.switchboard.local.testing.WrongTypes.Kind.STRING;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.CommonBadInputs;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.WrongTypes;
import dev.switchboard.local.testing.WrongTypes.Field;
import dev.switchboard.local.testing.WrongTypes.Query;
import dev.switchboard.registry.testing.Fixtures;

/** The registry's bad-input corpus: each request and the refusal it must get. None of them changes the catalog. */
final class RegistryBadInputs {

    static final String RECOMMEND = "/models/recommend";
    /** A model no case creates: writes to it are refused before any lookup, or find nothing. */
    static final String ABSENT = "/models/mock/corpus-absent";
    static final int MAX_BODY = 10240 * 1024;

    /** A recommendation request with every field; answered 200 as it is. */
    static final String ASK = """
            {"capabilities":["text"],"maxCost":10,"maxLatencyMs":5000,"minQuality":"basic","minContextWindow":1000,
             "preferOpenWeights":false,"preferLocal":false,"task":"chat","expectedInputTokens":1000,
             "expectedOutputTokens":500,"providers":["mock"],"limit":5}
            """;

    static final List<Field> ASK_FIELDS = List.of(
            Field.top("capabilities", ARRAY),
            Field.of("/capabilities/0", "capabilities", STRING),
            Field.top("maxCost", INTEGER, NUMBER),
            Field.top("maxLatencyMs", INTEGER),
            Field.top("minQuality", STRING),
            Field.top("minContextWindow", INTEGER),
            Field.top("preferOpenWeights", BOOLEAN),
            Field.top("preferLocal", BOOLEAN),
            Field.top("task", STRING),
            Field.top("expectedInputTokens", INTEGER),
            Field.top("expectedOutputTokens", INTEGER),
            Field.top("providers", ARRAY),
            Field.of("/providers/0", "providers", STRING),
            Field.top("limit", INTEGER));

    /** A model with every field and a price; accepted as it is (the corpus test creates and deletes it once). */
    static final String MODEL = """
            {"provider":"mock","modelId":"corpus-absent","displayName":"Corpus","description":"never kept",
             "capabilities":["text"],"contextWindow":8192,"maxOutputTokens":1024,"latencyTier":"fast",
             "qualityTier":"good","openWeights":false,"available":true,"deprecated":false,"sunsetDate":"2030-01-01",
             "price":{"inputCostPerMillion":1,"outputCostPerMillion":2,"cachedInputCostPerMillion":0.5,
              "reasoningCostPerMillion":2,"cacheWriteCostPerMillion":1.25,"cacheWrite1hCostPerMillion":2,
              "effectiveFrom":"2025-01-01T00:00:00Z","sourceReference":"test","note":"n"}}
            """;

    static final List<Field> MODEL_FIELDS = List.of(
            Field.top("provider", STRING),
            Field.top("modelId", STRING),
            Field.top("displayName", STRING),
            Field.top("description", STRING),
            Field.top("capabilities", ARRAY),
            Field.of("/capabilities/0", "capabilities", STRING),
            Field.top("contextWindow", INTEGER),
            Field.top("maxOutputTokens", INTEGER),
            Field.top("latencyTier", STRING),
            Field.top("qualityTier", STRING),
            Field.top("openWeights", BOOLEAN),
            Field.top("available", BOOLEAN),
            Field.top("deprecated", BOOLEAN),
            Field.top("sunsetDate", STRING),
            Field.top("price", OBJECT));

    /** A manual price; its instant may also be given as epoch seconds, as Jackson reads instants. */
    static final String PRICE = """
            {"inputCostPerMillion":1,"outputCostPerMillion":2,"cachedInputCostPerMillion":0.5,
             "reasoningCostPerMillion":2,"cacheWriteCostPerMillion":1.25,"cacheWrite1hCostPerMillion":2,
             "effectiveFrom":"2025-01-01T00:00:00Z","sourceReference":"test","note":"n"}
            """;

    static final List<Field> PRICE_FIELDS = List.of(
            Field.top("inputCostPerMillion", INTEGER, NUMBER),
            Field.top("outputCostPerMillion", INTEGER, NUMBER),
            Field.top("cachedInputCostPerMillion", INTEGER, NUMBER),
            Field.top("reasoningCostPerMillion", INTEGER, NUMBER),
            Field.top("cacheWriteCostPerMillion", INTEGER, NUMBER),
            Field.top("cacheWrite1hCostPerMillion", INTEGER, NUMBER),
            Field.top("effectiveFrom", STRING, INTEGER, NUMBER),
            Field.top("sourceReference", STRING),
            Field.top("note", STRING));

    private RegistryBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        cases.addAll(measuredAccepted());
        cases.addAll(bodies());
        cases.addAll(values());
        cases.addAll(protocol());
        cases.addAll(CommonBadInputs.httpLayer("/models", call -> call));
        cases.addAll(CommonBadInputs.unreadableJson("POST " + RECOMMEND, RegistryBadInputs::recommendBytes, MAX_BODY));
        cases.addAll(CommonBadInputs.unreadableJson("POST /models",
                json -> admin(HttpCall.post("/models", "").body(json, HttpCall.JSON)),
                MAX_BODY));
        cases.addAll(WrongTypes.inBody("POST " + RECOMMEND, ASK, RegistryBadInputs::recommend, ASK_FIELDS));
        cases.addAll(WrongTypes.inBody("POST /models", MODEL, body -> admin(HttpCall.post("/models", body)),
                MODEL_FIELDS));
        cases.addAll(WrongTypes.inBody("PUT " + ABSENT, MODEL, body -> admin(HttpCall.put(ABSENT, body)), MODEL_FIELDS));
        cases.addAll(WrongTypes.inBody("POST " + ABSENT + "/prices", PRICE,
                body -> admin(HttpCall.post(ABSENT + "/prices", body)), PRICE_FIELDS));
        cases.addAll(WrongTypes.inBody("POST /models (price)", MODEL, body -> admin(HttpCall.post("/models", body)),
                PRICE_FIELDS.stream().map(field -> new Field("/price" + field.pointer(), field.accepts(), field.param()))
                        .toList()));
        cases.addAll(WrongTypes.inQuery("/models", HttpCall::get, List.of(
                Query.decimal("maxCost"), Query.integer("minContextWindow"), Query.oneOf("latencyTier"),
                Query.oneOf("minQuality"), Query.oneOf("capability"), Query.bool("openWeights"), Query.bool("available"),
                Query.bool("local"), Query.integer("page"), Query.integer("size"))));
        cases.addAll(WrongTypes.inQuery("/models/mock/echo/prices/at", HttpCall::get, List.of(Query.instant("time"))));
        cases.addAll(WrongTypes.inQuery("/prices", HttpCall::get, List.of(Query.instant("since"))));
        cases.addAll(WrongTypes.inQuery("/governance/spend", target -> admin(HttpCall.get(target)),
                List.of(Query.instant("at"))));
        return cases;
    }

    /** Each of these was answered 200 (or 201) before. */
    static List<BadInput> measuredAccepted() {
        return List.of(
                BadInput.of("1e999999 as maxCost in a recommendation", recommend(with(ASK, "/maxCost", "1e999999")))
                        .param("maxCost"),
                BadInput.of("available=maybe on the model list", HttpCall.get("/models?available=maybe"))
                        .param("available"),
                BadInput.of("contextWindow 10.5 (was cut down to 10)",
                        admin(HttpCall.post("/models", with(MODEL, "/contextWindow", "10.5")))).param("contextWindow"),
                BadInput.of("a duplicate key in a recommendation (the last one would win)",
                        recommend("{\"limit\":1,\"limit\":5}")).param("limit"),
                BadInput.of("a duplicate key in a model", admin(HttpCall.post("/models",
                        MODEL.replace("\"description\"", "\"displayName\":\"Other\",\"description\""))))
                        .param("displayName"),
                BadInput.of("contextWindow as a string of digits", admin(HttpCall.post("/models",
                        with(MODEL, "/contextWindow", "\"8192\"")))).param("contextWindow"),
                BadInput.of("displayName as a number", admin(HttpCall.post("/models", with(MODEL, "/displayName", "42"))))
                        .param("displayName"),
                BadInput.of("openWeights as 1", admin(HttpCall.post("/models", with(MODEL, "/openWeights", "1"))))
                        .param("openWeights"),
                BadInput.of("a recommendation as text/plain", HttpCall.post(RECOMMEND, ASK)
                        .body(ASK.getBytes(StandardCharsets.UTF_8), "text/plain")).status(415),
                BadInput.of("a NUL character in a display name", admin(HttpCall.post("/models",
                        with(MODEL, "/displayName", "\"Cor\\u0000pus\"")))).code("invalid_character"));
    }

    static List<BadInput> bodies() {
        return List.of(
                BadInput.of("objects nested 100,000 levels deep in a model", admin(HttpCall.post("/models",
                        with(MODEL, "/description", "1").replace("\"description\":1",
                                "\"description\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000))))),
                BadInput.of("a JSON array instead of an object", recommend("[" + ASK + "]")),
                BadInput.of("a model as an array", admin(HttpCall.post("/models", "[" + MODEL + "]"))),
                BadInput.of("a model without a body", admin(HttpCall.post("/models", ""))));
    }

    static List<BadInput> values() {
        return List.of(
                BadInput.of("a negative maxCost", recommend(with(ASK, "/maxCost", "-1"))).param("maxCost"),
                BadInput.of("limit 0", recommend(with(ASK, "/limit", "0"))).param("limit"),
                BadInput.of("an unknown minQuality", recommend(with(ASK, "/minQuality", "\"legendary\"")))
                        .param("minQuality"),
                BadInput.of("an unknown capability", recommend(with(ASK, "/capabilities", "[\"telepathy\"]")))
                        .param("capabilities"),
                BadInput.of("negative expected tokens", recommend(with(ASK, "/expectedInputTokens", "-1")))
                        .param("expectedInputTokens"),
                BadInput.of("maxLatencyMs beyond 64 bits", recommend(with(ASK, "/maxLatencyMs", "1e999999")))
                        .param("maxLatencyMs"),
                BadInput.of("page -1", HttpCall.get("/models?page=-1")).param("page"),
                BadInput.of("size 0", HttpCall.get("/models?size=0")).param("size"),
                BadInput.of("size 1001", HttpCall.get("/models?size=1001")).param("size"),
                BadInput.of("minContextWindow 0", HttpCall.get("/models?minContextWindow=0")).param("minContextWindow"),
                BadInput.of("a negative maxCost filter", HttpCall.get("/models?maxCost=-1")).param("maxCost"),
                BadInput.of("an unknown model", HttpCall.get("/models/nobody/nothing")).status(404)
                        .code("model_not_found"),
                BadInput.of("a price lookup without a time", HttpCall.get("/models/mock/echo/prices/at")).param("time"),
                BadInput.of("price changes without a start", HttpCall.get("/prices")).param("since"),
                BadInput.of("a price lookup in the year 10000",
                        HttpCall.get("/models/mock/echo/prices/at?time=%2B10000-01-01T00:00:00Z")).param("time"),
                BadInput.of("maxOutputTokens over contextWindow", admin(HttpCall.post("/models",
                        with(MODEL, "/maxOutputTokens", "9000")))).param("maxOutputTokens"),
                BadInput.of("an unknown provider", admin(HttpCall.post("/models", with(MODEL, "/provider", "\"nobody\""))))
                        .param("provider"),
                BadInput.of("a negative price", admin(HttpCall.post(ABSENT + "/prices",
                        with(PRICE, "/inputCostPerMillion", "-1")))).param("inputCostPerMillion"),
                BadInput.of("a price of a million", admin(HttpCall.post(ABSENT + "/prices",
                        with(PRICE, "/outputCostPerMillion", "1000000")))).param("outputCostPerMillion"));
    }

    static List<BadInput> protocol() {
        return List.of(
                BadInput.of("an admin write without a key", HttpCall.post("/models", MODEL)).status(401)
                        .code("invalid_api_key"),
                BadInput.of("an admin write with a wrong key", HttpCall.post("/models", MODEL).bearer("wrong")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("a delete without a key", HttpCall.request("DELETE", "/models/mock/echo")).status(401),
                BadInput.of("DELETE on the model list", admin(HttpCall.request("DELETE", "/models"))).status(405),
                BadInput.of("PATCH on a model", admin(HttpCall.request("PATCH", "/models/mock/echo"))).status(405),
                BadInput.of("GET on recommendations", HttpCall.get(RECOMMEND)).status(405),
                BadInput.of("an unknown route", HttpCall.get("/nothing-here")).status(404));
    }

    static HttpCall recommend(String json) {
        return HttpCall.post(RECOMMEND, json);
    }

    static HttpCall recommendBytes(byte[] json) {
        return HttpCall.post(RECOMMEND, "").body(json, HttpCall.JSON);
    }

    static HttpCall admin(HttpCall call) {
        return call.bearer(Fixtures.ADMIN_KEY);
    }

    static String with(String body, String pointer, String value) {
        return WrongTypes.replaced(body, pointer, value);
    }
}
