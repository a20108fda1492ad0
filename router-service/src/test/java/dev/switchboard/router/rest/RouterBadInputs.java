package dev.switchboard.router.rest;

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

/** The router's bad-input corpus: each request and the refusal it must get. */
final class RouterBadInputs {

    static final String KEY = "test-key";
    static final String CHAT = "/v1/chat/completions";
    static final int MAX_BODY = 20 * 1024 * 1024;

    /** A call that uses every field the wrong-type cases replace; it is answered 200 as it is. */
    static final String FULL_CALL = """
            {"model":"openai/gpt-4o-mini",
             "messages":[{"role":"user","name":"ann","content":[{"type":"text","text":"hello"},
               {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]}],
             "temperature":0.5,"top_p":1,"n":1,"stream":false,"stop":["END"],"max_tokens":16,"max_completion_tokens":16,
             "presence_penalty":0,"frequency_penalty":0,"logit_bias":{"50256":-100},"logprobs":false,"top_logprobs":0,
             "user":"user-1","seed":7,"response_format":{"type":"text"},
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}}],
             "tool_choice":"auto","parallel_tool_calls":true,"metadata":{"team":"a"},"store":false,
             "reasoning_effort":"low","service_tier":"auto","models":["mock/echo"]}
            """;

    /** Every field of {@link #FULL_CALL} with the JSON kinds OpenAI accepts for it (null means absent everywhere). */
    static final List<Field> CHAT_FIELDS = List.of(
            Field.top("model", STRING),
            Field.top("messages", ARRAY),
            Field.of("/messages/0", "messages[0]", OBJECT),
            Field.of("/messages/0/role", "messages[0].role", STRING),
            Field.of("/messages/0/name", "messages[0].name", STRING),
            Field.of("/messages/0/content", "messages[0].content", STRING, ARRAY),
            Field.of("/messages/0/content/0", "messages[0].content[0]", OBJECT),
            Field.of("/messages/0/content/0/type", "messages[0].content[0].type", STRING),
            Field.of("/messages/0/content/0/text", "messages[0].content[0].text", STRING),
            Field.of("/messages/0/content/1/image_url", "messages[0].content[1].image_url", OBJECT),
            Field.of("/messages/0/content/1/image_url/url", "messages[0].content[1].image_url.url", STRING),
            Field.top("temperature", INTEGER, NUMBER),
            Field.top("top_p", INTEGER, NUMBER),
            Field.top("n", INTEGER),
            Field.top("stream", BOOLEAN),
            Field.top("stop", STRING, ARRAY),
            Field.of("/stop/0", "stop[0]", STRING),
            Field.top("max_tokens", INTEGER),
            Field.top("max_completion_tokens", INTEGER),
            Field.top("presence_penalty", INTEGER, NUMBER),
            Field.top("frequency_penalty", INTEGER, NUMBER),
            Field.top("logit_bias", OBJECT),
            Field.of("/logit_bias/50256", "logit_bias.50256", INTEGER, NUMBER),
            Field.top("logprobs", BOOLEAN),
            Field.top("top_logprobs", INTEGER),
            Field.top("user", STRING),
            Field.top("seed", INTEGER),
            Field.top("response_format", OBJECT),
            Field.of("/response_format/type", "response_format.type", STRING),
            Field.top("tools", ARRAY),
            Field.of("/tools/0", "tools[0]", OBJECT),
            Field.of("/tools/0/type", "tools[0].type", STRING),
            Field.of("/tools/0/function", "tools[0].function", OBJECT),
            Field.of("/tools/0/function/name", "tools[0].function.name", STRING),
            Field.of("/tools/0/function/description", "tools[0].function.description", STRING),
            Field.of("/tools/0/function/parameters", "tools[0].function.parameters", OBJECT),
            Field.of("/tools/0/function/strict", "tools[0].function.strict", BOOLEAN),
            Field.top("tool_choice", STRING, OBJECT),
            Field.top("parallel_tool_calls", BOOLEAN),
            Field.top("metadata", OBJECT),
            Field.of("/metadata/team", "metadata.team", STRING),
            Field.top("store", BOOLEAN),
            Field.top("reasoning_effort", STRING),
            Field.top("service_tier", STRING),
            Field.top("models", ARRAY),
            Field.of("/models/0", "models[0]", STRING),
            Field.of("/stream_options", "stream_options", OBJECT),
            Field.of("/stream_options/include_usage", "stream_options.include_usage", BOOLEAN));

    private RouterBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        cases.addAll(measuredAccepted());
        cases.addAll(bodies());
        cases.addAll(values());
        cases.addAll(protocol());
        cases.addAll(CommonBadInputs.httpLayer("/v1/models", call -> call.bearer(KEY)));
        cases.addAll(CommonBadInputs.unreadableJson("POST " + CHAT, RouterBadInputs::chatBytes, MAX_BODY));
        cases.addAll(WrongTypes.inBody("POST " + CHAT, withStreamOptions(), RouterBadInputs::chat, CHAT_FIELDS));
        return cases;
    }

    /** Each of these was answered 200 before the parser checked it. */
    static List<BadInput> measuredAccepted() {
        return List.of(
                BadInput.of("a tool whose function has no name", chat(with("/tools/0/function",
                        "{\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}"))).param("tools[0].function.name"),
                BadInput.of("a tool whose function name is empty", chat(with("/tools/0/function/name", "\"\"")))
                        .param("tools[0].function.name"),
                BadInput.of("a NUL byte in the model name", chat(with("/model", "\"mock/echo\\u0000\""))).param("model"),
                BadInput.of("a control character in a fallback model name", chat(with("/models/0", "\"mock/\\u0007echo\"")))
                        .param("models[0]"),
                BadInput.of("an overlong UTF-8 encoding of '/' in a message", chatBytes(HttpCall.utf8Around(
                        "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a",
                        new byte[] { (byte) 0xC0, (byte) 0xAF }, "b\"}]}"))),
                BadInput.of("seed as a string", chat(with("/seed", "\"7\""))).param("seed"),
                BadInput.of("stop as an object", chat(with("/stop", "{\"a\":\"b\"}"))).param("stop"),
                BadInput.of("user as a number", chat(with("/user", "42"))).param("user"),
                BadInput.of("logit_bias as an array", chat(with("/logit_bias", "[1,2]"))).param("logit_bias"),
                BadInput.of("response_format as a string", chat(with("/response_format", "\"json\"")))
                        .param("response_format"),
                BadInput.of("tool_choice as a number", chat(with("/tool_choice", "1"))).param("tool_choice"),
                BadInput.of("parallel_tool_calls as a string", chat(with("/parallel_tool_calls", "\"true\"")))
                        .param("parallel_tool_calls"),
                BadInput.of("logprobs as a string", chat(with("/logprobs", "\"true\""))).param("logprobs"),
                BadInput.of("a content part of an unknown type", chat(with("/messages/0/content/0",
                        "{\"type\":\"hologram\",\"text\":\"x\"}"))).param("messages[0].content[0].type"),
                BadInput.of("text/plain instead of JSON", HttpCall.post(CHAT, simple()).bearer(KEY)
                        .body(simple().getBytes(StandardCharsets.UTF_8), "text/plain")).status(415),
                BadInput.of("a form instead of JSON", HttpCall.post(CHAT, simple()).bearer(KEY)
                        .body("model=mock/echo".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
                        .status(415),
                BadInput.of("a duplicate key (the last one would win)",
                        chat("{\"model\":\"nowhere/x\",\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"x\"}]}"))
                        .param("model"));
    }

    /** Bodies that are JSON but not a chat completion call at all. */
    static List<BadInput> bodies() {
        return List.of(
                BadInput.of("an empty body", chat("")),
                BadInput.of("a JSON array instead of an object", chat("[" + simple() + "]")),
                BadInput.of("a bare number", chat("42")),
                BadInput.of("null", chat("null")),
                BadInput.of("NaN as a number", chat("{\"model\":\"mock/echo\",\"temperature\":NaN,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"x\"}]}")));
    }

    /** Values of the right type that OpenAI refuses. */
    static List<BadInput> values() {
        return List.of(
                BadInput.of("no model", chat("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).param("model"),
                BadInput.of("model null", chat(with("/model", "null"))).param("model"),
                BadInput.of("an empty model", chat(with("/model", "\"\""))).param("model"),
                BadInput.of("a blank model", chat(with("/model", "\"   \""))).param("model"),
                BadInput.of("no messages", chat("{\"model\":\"mock/echo\"}")).param("messages"),
                BadInput.of("empty messages", chat(with("/messages", "[]"))).param("messages"),
                BadInput.of("an unknown role", chat(with("/messages/0/role", "\"wizard\""))).param("messages[0].role"),
                BadInput.of("a message without content", chat(with("/messages/0", "{\"role\":\"user\"}")))
                        .param("messages[0].content"),
                BadInput.of("a content part without a type", chat(with("/messages/0/content/0", "{\"text\":\"x\"}")))
                        .param("messages[0].content[0].type"),
                BadInput.of("a text part without text", chat(with("/messages/0/content/0", "{\"type\":\"text\"}")))
                        .param("messages[0].content[0].text"),
                BadInput.of("an image part without a url", chat(with("/messages/0/content/1/image_url", "{}")))
                        .param("messages[0].content[1].image_url.url"),
                BadInput.of("temperature above 2", chat(with("/temperature", "5"))).param("temperature"),
                BadInput.of("temperature below 0", chat(with("/temperature", "-0.1"))).param("temperature"),
                BadInput.of("top_p above 1", chat(with("/top_p", "1.5"))).param("top_p"),
                BadInput.of("presence_penalty below -2", chat(with("/presence_penalty", "-3"))).param("presence_penalty"),
                BadInput.of("frequency_penalty above 2", chat(with("/frequency_penalty", "2.5")))
                        .param("frequency_penalty"),
                BadInput.of("n zero", chat(with("/n", "0"))).param("n"),
                BadInput.of("max_tokens zero", chat(with("/max_tokens", "0"))).param("max_tokens"),
                BadInput.of("max_tokens negative", chat(with("/max_tokens", "-5"))).param("max_tokens"),
                BadInput.of("max_tokens beyond a 64-bit integer", chat(with("/max_tokens", "1" + "0".repeat(30))))
                        .param("max_tokens"),
                BadInput.of("max_completion_tokens as a fraction", chat(with("/max_completion_tokens", "10.5")))
                        .param("max_completion_tokens"),
                BadInput.of("seed beyond a 64-bit integer", chat(with("/seed", "1" + "0".repeat(30)))).param("seed"),
                BadInput.of("logit_bias above 100", chat(with("/logit_bias/50256", "101"))).param("logit_bias.50256"),
                BadInput.of("logit_bias keyed by a word", chat(with("/logit_bias", "{\"hello\":1}")))
                        .param("logit_bias.hello"),
                BadInput.of("an unknown response_format type", chat(with("/response_format/type", "\"yaml\"")))
                        .param("response_format.type"),
                BadInput.of("a json_schema response_format without a schema",
                        chat(with("/response_format", "{\"type\":\"json_schema\"}"))).param("response_format.json_schema"),
                BadInput.of("an unknown tool_choice", chat(with("/tool_choice", "\"sometimes\""))).param("tool_choice"),
                BadInput.of("a tool_choice naming no function", chat(with("/tool_choice", "{\"type\":\"function\"}")))
                        .param("tool_choice.function"),
                BadInput.of("a tool of an unknown type", chat(with("/tools/0/type", "\"spell\""))).param("tools[0].type"),
                BadInput.of("a tool without a function", chat(with("/tools/0", "{\"type\":\"function\"}")))
                        .param("tools[0].function"),
                BadInput.of("stream_options without a stream", chat(with("/stream_options", "{\"include_usage\":true}")))
                        .param("stream_options"),
                BadInput.of("an unknown provider", chat(with("/model", "\"nowhere/gpt\""))).status(404).param("model")
                        .code("model_not_found"),
                BadInput.of("a model the registry does not list", chat(with("/model", "\"mock/unheard-of\""))).status(404)
                        .code("model_not_found"),
                BadInput.of("an unknown routing policy", chat(simple()).header("X-Switchboard-Policy", "cheapest"))
                        .param("X-Switchboard-Policy"),
                BadInput.of("an unknown task", chat(simple()).header("X-Switchboard-Task", "juggling"))
                        .param("X-Switchboard-Task"));
    }

    /** What is wrong at the HTTP level rather than in the body. */
    static List<BadInput> protocol() {
        return List.of(
                BadInput.of("no API key", HttpCall.post(CHAT, simple())).status(401).code("invalid_api_key"),
                BadInput.of("a wrong API key", HttpCall.post(CHAT, simple()).bearer("not-the-key")).status(401)
                        .code("invalid_api_key"),
                BadInput.of("a Basic authorization", HttpCall.post(CHAT, simple()).header("Authorization", "Basic a2V5"))
                        .status(401).code("invalid_api_key"),
                BadInput.of("GET on the chat route", HttpCall.get(CHAT).bearer(KEY)).status(405),
                BadInput.of("PUT on the chat route", HttpCall.put(CHAT, simple()).bearer(KEY)).status(405),
                BadInput.of("POST on the model list", HttpCall.post("/v1/models", "{}").bearer(KEY)).status(405),
                BadInput.of("DELETE on the provider list", HttpCall.request("DELETE", "/v1/providers").bearer(KEY))
                        .status(405),
                BadInput.of("an unknown route", HttpCall.get("/v1/nothing-here").bearer(KEY)).status(404));
    }

    static HttpCall chat(String json) {
        return HttpCall.post(CHAT, json).bearer(KEY);
    }

    static HttpCall chatBytes(byte[] json) {
        return HttpCall.post(CHAT, "").bearer(KEY).body(json, HttpCall.JSON);
    }

    static String simple() {
        return "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    /** {@link #FULL_CALL} with one value replaced. */
    static String with(String pointer, String value) {
        return WrongTypes.replaced(FULL_CALL, pointer, value);
    }

    /** The full call streamed, so that stream_options applies. */
    static String withStreamOptions() {
        return WrongTypes.replaced(with("/stream", "true"), "/stream_options", "{\"include_usage\":true}");
    }

}
