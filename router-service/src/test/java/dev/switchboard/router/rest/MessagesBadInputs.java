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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.local.testing.BadInput;
import dev.switchboard.local.testing.CommonBadInputs;
import dev.switchboard.local.testing.HttpCall;
import dev.switchboard.local.testing.WrongTypes;
import dev.switchboard.local.testing.WrongTypes.Field;

/**
 * The Messages door's bad-input corpus: each request and the refusal it must get, in Anthropic's error shape, whose
 * message names the field at fault as Anthropic's does ({@code messages.0.role: ...}).
 */
final class MessagesBadInputs {

    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    /** A call that uses every field the wrong-type cases replace; it is answered 200 as it is. */
    static final String FULL_CALL = """
            {"model":"openai/gpt-4o-mini","max_tokens":16,"system":"Be brief.",
             "messages":[{"role":"user","content":[{"type":"text","text":"hello"}]}],
             "temperature":0.5,"top_p":1,"top_k":5,"stream":false,"stop_sequences":["END"],
             "metadata":{"user_id":"u-1"},
             "tools":[{"name":"get_weather","description":"Weather in a city",
               "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"auto"}}
            """;

    /** The fields Switchboard reads of a Messages call, with the JSON kinds Anthropic accepts for each. */
    static final List<Field> FIELDS = List.of(
            Field.top("model", STRING),
            Field.top("max_tokens", INTEGER),
            Field.top("system", STRING, ARRAY),
            Field.top("messages", ARRAY),
            Field.of("/messages/0", "messages.0", OBJECT),
            Field.of("/messages/0/role", "messages.0.role", STRING),
            Field.of("/messages/0/content", "messages.0.content", STRING, ARRAY),
            Field.of("/messages/0/content/0", "messages.0.content.0", OBJECT),
            Field.of("/messages/0/content/0/type", "messages.0.content.0", STRING),
            Field.top("temperature", INTEGER, NUMBER),
            Field.top("top_p", INTEGER, NUMBER),
            Field.top("top_k", INTEGER),
            Field.top("stream", BOOLEAN),
            Field.top("stop_sequences", ARRAY),
            Field.of("/stop_sequences/0", "stop_sequences.0", STRING),
            Field.top("metadata", OBJECT),
            Field.top("thinking", OBJECT),
            Field.top("tools", ARRAY),
            Field.of("/tools/0", "tools.0", OBJECT),
            Field.of("/tools/0/name", "tools.0.name", STRING),
            Field.top("tool_choice", OBJECT));

    private MessagesBadInputs() {
    }

    static List<BadInput> all() {
        List<BadInput> cases = new ArrayList<>();
        cases.addAll(values());
        cases.addAll(protocol());
        cases.addAll(CommonBadInputs.unreadableJson("POST " + MESSAGES, MessagesBadInputs::messageBytes,
                RouterBadInputs.MAX_BODY));
        cases.addAll(WrongTypes.inBody("POST " + MESSAGES, FULL_CALL, MessagesBadInputs::message, FIELDS));
        cases.addAll(countTokens());
        return cases.stream().map(input -> input.bare() ? input : input.inAnthropicShape()).toList();
    }

    /** Values of the right JSON type that Anthropic refuses, and what Switchboard cannot route. */
    static List<BadInput> values() {
        return List.of(
                BadInput.of("messages: a NUL byte in the model name", message(with("/model", "\"mock/echo\\u0000\"")))
                        .param("model"),
                BadInput.of("messages: a model name of 300 characters", message(with("/model",
                        "\"mock/" + "e".repeat(295) + "\""))).param("model"),
                BadInput.of("messages: no model", message(without("model"))).param("model"),
                BadInput.of("messages: an empty model", message(with("/model", "\"\""))).param("model"),
                BadInput.of("messages: no max_tokens", message(without("max_tokens"))).param("max_tokens"),
                BadInput.of("messages: max_tokens zero", message(with("/max_tokens", "0"))).param("max_tokens"),
                BadInput.of("messages: max_tokens beyond a 32-bit integer", message(with("/max_tokens", "1" + "0".repeat(12))))
                        .param("max_tokens"),
                BadInput.of("messages: no messages", message(without("messages"))).param("messages"),
                BadInput.of("messages: empty messages", message(with("/messages", "[]"))).param("messages"),
                BadInput.of("messages: a system role in messages", message(with("/messages/0/role", "\"system\"")))
                        .param("messages.0.role"),
                BadInput.of("messages: a content block without a type", message(with("/messages/0/content/0",
                        "{\"text\":\"x\"}"))).param("messages.0.content.0"),
                BadInput.of("messages: a system block that is not text", message(with("/system",
                        "[{\"type\":\"image\"}]"))).param("system.0"),
                BadInput.of("messages: temperature above 1", message(with("/temperature", "1.5"))).param("temperature"),
                BadInput.of("messages: top_p above 1", message(with("/top_p", "2"))).param("top_p"),
                BadInput.of("messages: top_k negative", message(with("/top_k", "-1"))).param("top_k"),
                BadInput.of("messages: a tool without a name", message(with("/tools/0", "{\"input_schema\":{}}")))
                        .param("tools.0.name"),
                BadInput.of("messages: a tool with an empty name", message(with("/tools/0/name", "\"\"")))
                        .param("tools.0.name"),
                BadInput.of("messages: tool_choice as a bare word", message(with("/tool_choice", "\"auto\"")))
                        .param("tool_choice"),
                BadInput.of("messages: thinking without a type", message(with("/thinking", "{\"budget_tokens\":1024}")))
                        .param("thinking"),
                BadInput.of("messages: a duplicate key (the last one would win)", message("{\"model\":\"nowhere/x\","
                        + "\"model\":\"mock/echo\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .param("model"),
                BadInput.of("messages: an unknown provider", message(with("/model", "\"nowhere/claude\""))).status(404),
                BadInput.of("messages: a JSON array instead of an object", message("[" + simple() + "]")),
                BadInput.of("messages: an empty body", message("")));
    }

    /** What is wrong at the HTTP level rather than in the body. */
    static List<BadInput> protocol() {
        return List.of(
                BadInput.of("messages: no API key", HttpCall.post(MESSAGES, simple())).status(401),
                BadInput.of("messages: a wrong x-api-key", HttpCall.post(MESSAGES, simple()).header("x-api-key", "nope"))
                        .status(401),
                BadInput.of("messages: a form instead of JSON", HttpCall.post(MESSAGES, simple()).bearer(RouterBadInputs.KEY)
                        .body("model=mock/echo".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
                        .status(415),
                BadInput.of("messages: GET on the messages route", HttpCall.get(MESSAGES).bearer(RouterBadInputs.KEY))
                        .status(405),
                BadInput.of("messages: an unknown routing policy", message(simple()).header("X-Switchboard-Policy", "cheapest"))
                        .param("X-Switchboard-Policy"),
                BadInput.of("messages: a header section of 1 MB", message(simple()).header("X-Big", "a".repeat(1024 * 1024)))
                        .status(431),
                BadInput.of("messages: 10,000 headers", message(simple()).rawHeaders(HttpCall.headerLines(10_000)))
                        .status(431));
    }

    /** The token counter reads the same body, without max_tokens. */
    static List<BadInput> countTokens() {
        return List.of(
                BadInput.of("count_tokens: no model", count("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                        .param("model"),
                BadInput.of("count_tokens: messages as a string", count("{\"model\":\"mock/echo\",\"messages\":\"x\"}"))
                        .param("messages"),
                BadInput.of("count_tokens: an unknown role",
                        count("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"))
                        .param("messages.0.role"),
                BadInput.of("count_tokens: text/plain instead of JSON", count("{}")
                        .body("{}".getBytes(StandardCharsets.UTF_8), "text/plain")).status(415),
                BadInput.of("count_tokens: malformed JSON", count("{\"model\":")));
    }

    static HttpCall message(String json) {
        return HttpCall.post(MESSAGES, json).bearer(RouterBadInputs.KEY);
    }

    static HttpCall messageBytes(byte[] json) {
        return HttpCall.post(MESSAGES, "").bearer(RouterBadInputs.KEY).body(json, HttpCall.JSON);
    }

    static HttpCall count(String json) {
        return HttpCall.post(COUNT_TOKENS, json).bearer(RouterBadInputs.KEY);
    }

    static String simple() {
        return "{\"model\":\"mock/echo\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    /** {@link #FULL_CALL} with one value replaced (or added). */
    static String with(String pointer, String value) {
        return WrongTypes.replaced(FULL_CALL, pointer, value);
    }

    /** {@link #FULL_CALL} without one top-level field. */
    static String without(String field) {
        try {
            ObjectNode body = (ObjectNode) new ObjectMapper().readTree(FULL_CALL);
            body.remove(field);
            return body.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
