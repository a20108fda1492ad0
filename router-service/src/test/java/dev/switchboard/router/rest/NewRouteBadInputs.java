package dev.switchboard.router.rest;

import static dev.switchboard.local.testing.WrongTypes.Kind.ARRAY;
import static dev.switchboard.local.testing.WrongTypes.Kind.BOOLEAN;
import static dev.switchboard.local.testing.WrongTypes.Kind.INTEGER;
import static dev.switchboard.local.testing.WrongTypes.Kind.NUMBER;
import static dev.switchboard.local.testing.WrongTypes.Kind.OBJECT;
import static dev.switchboard.local.testing.WrongTypes.Kind.STRING;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.CommonBadInputs;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.WrongTypes;
import dev.switchboard.local.testing.WrongTypes.Field;
import dev.switchboard.local.testing.WrongTypes.Query;

/** The router's bad-input corpus for the Embeddings and Responses routes and a single model's route. */
final class NewRouteBadInputs {

    static final String EMBEDDINGS = "/v1/embeddings";
    static final String RESPONSES = "/v1/responses";

    /** An embeddings call that uses every field its wrong-type cases replace; it is answered 200 as it is. */
    static final String FULL_EMBEDDINGS = """
            {"model":"ollama/nomic-embed-text","input":["hello"],"encoding_format":"float","user":"user-1"}
            """;

    /** A Responses call that uses every field its wrong-type cases replace; it is answered 200 as it is. */
    static final String FULL_RESPONSE = """
            {"model":"openai/gpt-4o-mini","instructions":"be brief","stream":false,"store":false,"parallel_tool_calls":true,
             "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}],
             "user":"user-1","metadata":{"team":"a"},"reasoning":{"effort":"low"},"text":{"format":{"type":"text"}},
             "max_output_tokens":16,"temperature":0.5,"top_p":1,
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}],"tool_choice":"auto"}
            """;

    static final List<Field> EMBEDDINGS_FIELDS = List.of(
            Field.top("model", STRING),
            Field.top("input", STRING, ARRAY),
            Field.of("/input/0", "input[0]", STRING, INTEGER, ARRAY),
            Field.top("dimensions", INTEGER),
            Field.top("encoding_format", STRING),
            Field.top("user", STRING));

    /**
     * The Responses fields with the kinds OpenAI accepts. A part or a tool that is not an object is refused for its
     * missing type, and a format that is not an object for its missing type: those name the type.
     */
    static final List<Field> RESPONSE_FIELDS = List.of(
            Field.top("model", STRING),
            Field.top("input", STRING, ARRAY),
            Field.of("/input/0", "input[0]", OBJECT),
            Field.of("/input/0/role", "input[0].role", STRING),
            Field.of("/input/0/content", "input[0].content", STRING, ARRAY),
            Field.of("/input/0/content/0", "input[0].content[0].type", OBJECT),
            Field.of("/input/0/content/0/type", "input[0].content[0].type", STRING),
            Field.top("instructions", STRING),
            Field.top("stream", BOOLEAN),
            Field.top("store", BOOLEAN),
            Field.top("parallel_tool_calls", BOOLEAN),
            Field.top("previous_response_id", STRING),
            Field.top("user", STRING),
            Field.top("metadata", OBJECT),
            Field.top("reasoning", OBJECT),
            Field.top("text", OBJECT),
            Field.of("/text/format", "text.format.type", OBJECT),
            Field.of("/text/format/type", "text.format.type", STRING),
            Field.top("max_output_tokens", INTEGER),
            Field.top("temperature", INTEGER, NUMBER),
            Field.top("top_p", INTEGER, NUMBER),
            Field.top("tools", ARRAY),
            Field.of("/tools/0", "tools[0].type", OBJECT),
            Field.of("/tools/0/type", "tools[0].type", STRING),
            Field.of("/tools/0/name", "tools[0].name", STRING),
            Field.top("tool_choice", STRING, OBJECT));

    private NewRouteBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        cases.addAll(embeddings());
        cases.addAll(responses());
        cases.addAll(models());
        cases.addAll(unreadable(EMBEDDINGS));
        cases.addAll(unreadable(RESPONSES));
        cases.addAll(WrongTypes.inBody("POST " + EMBEDDINGS, FULL_EMBEDDINGS, NewRouteBadInputs::embed,
                EMBEDDINGS_FIELDS));
        cases.addAll(WrongTypes.inBody("POST " + RESPONSES, FULL_RESPONSE, NewRouteBadInputs::respond, RESPONSE_FIELDS));
        cases.addAll(WrongTypes.inQuery(RESPONSES + "/resp_unknown/input_items",
                target -> HttpCall.get(target).bearer(RouterBadInputs.KEY),
                List.of(Query.integer("limit"), Query.oneOf("order"))));
        return cases;
    }

    static List<BadInput> embeddings() {
        return List.of(
                BadInput.of("embeddings: no input", embed("{\"model\":\"ollama/nomic-embed-text\"}")).param("input"),
                BadInput.of("embeddings: an empty input", embed(with("/input", "[]"))).param("input"),
                BadInput.of("embeddings: an empty string", embed(with("/input/0", "\"\""))).param("input[0]"),
                BadInput.of("embeddings: a string after a token array", embed(with("/input", "[[1,2],\"x\"]")))
                        .param("input[1]"),
                BadInput.of("embeddings: a negative token id", embed(with("/input", "[1,-2]"))).param("input[1]"),
                BadInput.of("embeddings: 2,049 inputs", embed(with("/input", "[" + "\"a\",".repeat(2048) + "\"a\"]")))
                        .param("input"),
                BadInput.of("embeddings: dimensions zero", embed(with("/dimensions", "0"))).param("dimensions"),
                BadInput.of("embeddings: an unknown encoding_format", embed(with("/encoding_format", "\"hex\"")))
                        .param("encoding_format"),
                BadInput.of("embeddings: streamed", embed(with("/stream", "true"))).param("stream"),
                BadInput.of("embeddings: a chat model", embed(with("/model", "\"openai/gpt-4o-mini\""))).param("model"),
                BadInput.of("embeddings: no API key", HttpCall.post(EMBEDDINGS, FULL_EMBEDDINGS)).status(401)
                        .code("invalid_api_key"),
                BadInput.of("embeddings: GET", HttpCall.get(EMBEDDINGS).bearer(RouterBadInputs.KEY)).status(405));
    }

    static List<BadInput> responses() {
        return List.of(
                BadInput.of("responses: no input", respond("{\"model\":\"mock/echo\"}")).param("input"),
                BadInput.of("responses: an item of an unknown type", respond(withResponse("/input/0/type", "\"hologram\"")))
                        .param("input[0].type"),
                BadInput.of("responses: an item reference without an id", respond(withResponse("/input/0",
                        "{\"type\":\"item_reference\"}"))).param("input[0].id"),
                BadInput.of("responses: an unknown role", respond(withResponse("/input/0/role", "\"wizard\"")))
                        .param("input[0].role"),
                BadInput.of("responses: a function call without its call_id", respond(withResponse("/input/0",
                        "{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}"))).param("input[0].call_id"),
                BadInput.of("responses: temperature above 2", respond(withResponse("/temperature", "3")))
                        .param("temperature"),
                BadInput.of("responses: max_output_tokens zero", respond(withResponse("/max_output_tokens", "0")))
                        .param("max_output_tokens"),
                BadInput.of("responses: an unknown tool_choice", respond(withResponse("/tool_choice", "\"sometimes\"")))
                        .param("tool_choice"),
                BadInput.of("responses: a json_schema format without a schema", respond(withResponse("/text/format",
                        "{\"type\":\"json_schema\",\"name\":\"x\"}"))).param("text.format.schema"),
                BadInput.of("responses: no API key", HttpCall.post(RESPONSES, FULL_RESPONSE)).status(401)
                        .code("invalid_api_key"),
                BadInput.of("responses: GET of an unknown response",
                        HttpCall.get(RESPONSES + "/resp_unknown").bearer(RouterBadInputs.KEY)).status(404),
                BadInput.of("responses: DELETE of an unknown response",
                        HttpCall.request("DELETE", RESPONSES + "/resp_unknown").bearer(RouterBadInputs.KEY)).status(404),
                BadInput.of("responses: the input items of an unknown response",
                        HttpCall.get(RESPONSES + "/resp_unknown/input_items").bearer(RouterBadInputs.KEY)).status(404),
                BadInput.of("responses: limit above 100", HttpCall.get(RESPONSES + "/resp_unknown/input_items?limit=101")
                        .bearer(RouterBadInputs.KEY)).param("limit"),
                BadInput.of("responses: GET of a response without a key", HttpCall.get(RESPONSES + "/resp_unknown"))
                        .status(401).code("invalid_api_key"),
                BadInput.of("responses: PUT of a response", HttpCall.put(RESPONSES + "/resp_unknown", FULL_RESPONSE)
                        .bearer(RouterBadInputs.KEY)).status(405).code("method_not_allowed"),
                BadInput.of("responses: POST to a response", HttpCall.post(RESPONSES + "/resp_unknown", FULL_RESPONSE)
                        .bearer(RouterBadInputs.KEY)).status(405).code("method_not_allowed"),
                BadInput.of("responses: DELETE of the input items",
                        HttpCall.request("DELETE", RESPONSES + "/resp_unknown/input_items").bearer(RouterBadInputs.KEY))
                        .status(405).code("method_not_allowed"),
                BadInput.of("responses: GET of the create route", HttpCall.get(RESPONSES).bearer(RouterBadInputs.KEY))
                        .status(405).code("method_not_allowed"));
    }

    static List<BadInput> models() {
        return List.of(
                BadInput.of("GET /v1/models/{id}: an unknown model",
                        HttpCall.get("/v1/models/nowhere/nothing").bearer(RouterBadInputs.KEY)).status(404)
                        .code("model_not_found"),
                BadInput.of("GET /v1/models/{id}: without a key", HttpCall.get("/v1/models/mock/echo")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("DELETE /v1/models/{id}",
                        HttpCall.request("DELETE", "/v1/models/mock/echo").bearer(RouterBadInputs.KEY)).status(405));
    }

    /** The unreadable bodies, a JSON body sent as text/plain among them (a 415, as on chat). */
    private static List<BadInput> unreadable(String route) {
        return CommonBadInputs.unreadableJson("POST " + route,
                json -> HttpCall.post(route, "").bearer(RouterBadInputs.KEY).body(json, HttpCall.JSON),
                RouterBadInputs.MAX_BODY);
    }

    static HttpCall embed(String json) {
        return HttpCall.post(EMBEDDINGS, json).bearer(RouterBadInputs.KEY);
    }

    static HttpCall respond(String json) {
        return HttpCall.post(RESPONSES, json).bearer(RouterBadInputs.KEY);
    }

    private static String with(String pointer, String value) {
        return WrongTypes.replaced(FULL_EMBEDDINGS, pointer, value);
    }

    private static String withResponse(String pointer, String value) {
        return WrongTypes.replaced(FULL_RESPONSE, pointer, value);
    }
}
