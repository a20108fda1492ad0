package dev.switchboard.router.rest.chat;

import static dev.switchboard.router.rest.chat.JsonChecks.oneOf;
import static dev.switchboard.router.rest.chat.JsonChecks.required;
import static dev.switchboard.router.rest.chat.JsonChecks.requiredText;
import static dev.switchboard.router.rest.chat.JsonChecks.typed;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.router.rest.chat.JsonChecks.Kind;

/** Checks a call's {@code tools}, {@code tool_choice} and {@code response_format} as OpenAI does. */
final class ToolChecks {

    static final Set<String> TOOL_TYPES = Set.of("function", "custom");
    static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");

    private ToolChecks() {
    }

    static void tools(JsonNode tools) {
        if (!typed(tools, "tools", Kind.ARRAY)) {
            return;
        }
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            required(tool, at, Kind.OBJECT);
            oneOf(tool.get("type"), at + ".type", TOOL_TYPES);
            required(tool.get("type"), at + ".type", Kind.STRING);
            String type = tool.get("type").asText();
            JsonNode definition = tool.get(type);
            required(definition, at + "." + type, Kind.OBJECT);
            requiredText(definition.get("name"), at + "." + type + ".name");
            typed(definition.get("description"), at + "." + type + ".description", Kind.STRING);
            if ("function".equals(type)) {
                typed(definition.get("parameters"), at + ".function.parameters", Kind.OBJECT);
                typed(definition.get("strict"), at + ".function.strict", Kind.BOOLEAN);
            }
        }
    }

    static void toolChoice(JsonNode choice) {
        if (!typed(choice, "tool_choice", Kind.STRING, Kind.OBJECT)) {
            return;
        }
        if (choice.isTextual()) {
            oneOf(choice, "tool_choice", TOOL_CHOICES);
            return;
        }
        required(choice.get("type"), "tool_choice.type", Kind.STRING);
        if ("function".equals(choice.get("type").asText())) {
            required(choice.get("function"), "tool_choice.function", Kind.OBJECT);
            requiredText(choice.get("function").get("name"), "tool_choice.function.name");
        }
    }

    static void responseFormat(JsonNode format) {
        if (!typed(format, "response_format", Kind.OBJECT)) {
            return;
        }
        oneOf(format.get("type"), "response_format.type", RESPONSE_FORMATS);
        required(format.get("type"), "response_format.type", Kind.STRING);
        if ("json_schema".equals(format.get("type").asText())) {
            JsonNode schema = format.get("json_schema");
            required(schema, "response_format.json_schema", Kind.OBJECT);
            typed(schema.get("name"), "response_format.json_schema.name", Kind.STRING);
            typed(schema.get("schema"), "response_format.json_schema.schema", Kind.OBJECT);
            typed(schema.get("strict"), "response_format.json_schema.strict", Kind.BOOLEAN);
        }
    }
}
