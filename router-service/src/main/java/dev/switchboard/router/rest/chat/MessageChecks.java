package dev.switchboard.router.rest.chat;

import static dev.switchboard.router.rest.chat.JsonChecks.invalid;
import static dev.switchboard.router.rest.chat.JsonChecks.present;
import static dev.switchboard.router.rest.chat.JsonChecks.required;
import static dev.switchboard.router.rest.chat.JsonChecks.requiredText;
import static dev.switchboard.router.rest.chat.JsonChecks.typed;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.router.rest.chat.JsonChecks.Kind;

/** Checks a call's {@code messages} as OpenAI does: roles, content as text or typed parts, tool calls and results. */
final class MessageChecks {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    /** The content parts OpenAI defines, each with the field that holds it. */
    static final Set<String> PART_TYPES = Set.of("text", "image_url", "input_audio", "file", "refusal");

    private MessageChecks() {
    }

    static void messages(JsonNode messages) {
        required(messages, "messages", Kind.ARRAY);
        if (messages.isEmpty()) {
            throw invalid("Invalid value for 'messages': it must hold at least one message.", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]");
        }
    }

    private static void message(JsonNode message, String at) {
        required(message, at, Kind.OBJECT);
        JsonChecks.oneOf(message.get("role"), at + ".role", ROLES);
        required(message.get("role"), at + ".role", Kind.STRING);
        String role = message.get("role").asText();
        typed(message.get("name"), at + ".name", Kind.STRING);
        boolean calls = typed(message.get("tool_calls"), at + ".tool_calls", Kind.ARRAY);
        if (calls) {
            toolCalls(message.get("tool_calls"), at + ".tool_calls");
        }
        JsonNode content = message.get("content");
        boolean mayOmitContent = "assistant".equals(role) && (calls || present(message.get("function_call")));
        if (!present(content) && !mayOmitContent) {
            throw invalid("Missing required parameter: '" + at + ".content' (a string or an array of content parts).",
                    at + ".content");
        }
        if (typed(content, at + ".content", Kind.STRING, Kind.ARRAY) && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                part(content.get(i), at + ".content[" + i + "]");
            }
        }
        if ("tool".equals(role)) {
            requiredText(message.get("tool_call_id"), at + ".tool_call_id");
        } else {
            typed(message.get("tool_call_id"), at + ".tool_call_id", Kind.STRING);
        }
    }

    private static void part(JsonNode part, String at) {
        required(part, at, Kind.OBJECT);
        JsonChecks.oneOf(part.get("type"), at + ".type", PART_TYPES);
        required(part.get("type"), at + ".type", Kind.STRING);
        switch (part.get("type").asText()) {
            case "text" -> required(part.get("text"), at + ".text", Kind.STRING);
            case "refusal" -> required(part.get("refusal"), at + ".refusal", Kind.STRING);
            case "image_url" -> {
                JsonNode image = part.get("image_url");
                required(image, at + ".image_url", Kind.OBJECT);
                requiredText(image.get("url"), at + ".image_url.url");
                typed(image.get("detail"), at + ".image_url.detail", Kind.STRING);
            }
            case "input_audio" -> {
                JsonNode audio = part.get("input_audio");
                required(audio, at + ".input_audio", Kind.OBJECT);
                requiredText(audio.get("data"), at + ".input_audio.data");
                requiredText(audio.get("format"), at + ".input_audio.format");
            }
            default -> required(part.get("file"), at + ".file", Kind.OBJECT);
        }
    }

    private static void toolCalls(JsonNode calls, String at) {
        for (int i = 0; i < calls.size(); i++) {
            String call = at + "[" + i + "]";
            required(calls.get(i), call, Kind.OBJECT);
            typed(calls.get(i).get("id"), call + ".id", Kind.STRING);
            typed(calls.get(i).get("type"), call + ".type", Kind.STRING);
            JsonNode function = calls.get(i).get("function");
            if (typed(function, call + ".function", Kind.OBJECT)) {
                requiredText(function.get("name"), call + ".function.name");
                typed(function.get("arguments"), call + ".function.arguments", Kind.STRING);
            }
        }
    }
}
