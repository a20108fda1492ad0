package dev.switchboard.router.rest.responses;

import java.io.IOException;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Reads an OpenAI Responses body once and checks what Switchboard itself reads (the model, the input items, the tools
 * and the numbers it translates), naming the field at fault in {@code param} as OpenAI does ({@code input[2].type}).
 */
@Singleton
public class ResponsesRequestParser {

    /** Input item types Switchboard translates. */
    static final Set<String> ITEM_TYPES = Set.of("message", "function_call", "function_call_output", "reasoning");
    /** Items of tools OpenAI runs itself: valid input, but only a provider that runs the tool can read them. */
    static final Set<String> BUILT_IN_ITEM_TYPES = Set.of("web_search_call", "file_search_call", "computer_call",
            "computer_call_output", "code_interpreter_call", "image_generation_call", "local_shell_call",
            "local_shell_call_output", "shell_call", "shell_call_output", "mcp_call", "mcp_list_tools",
            "mcp_approval_request", "mcp_approval_response", "custom_tool_call", "custom_tool_call_output",
            "apply_patch_call", "apply_patch_call_output", "compaction");
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");
    private static final Set<String> PART_TYPES = Set.of("input_text", "input_image", "input_file", "output_text",
            "refusal");
    private static final Set<String> TOOL_CHOICES = Set.of("auto", "none", "required");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");

    private final ObjectMapper mapper;

    public ResponsesRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@code POST /v1/responses} body. */
    public ObjectNode parse(byte[] json) {
        ObjectNode body = read(json);
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw invalid("Missing required parameter: 'model'.", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("Invalid 'model': expected a non-empty string such as \"openai/gpt-4o-mini\".", "model");
        }
        JsonNode input = body.get("input");
        if ((input == null || input.isNull()) && !body.path("previous_response_id").isTextual()) {
            throw invalid("Missing required parameter: 'input'.", "input");
        }
        if (input != null && !input.isNull()) {
            checkInput(input);
        }
        checkType(body, "instructions", JsonNode::isTextual, "a string");
        checkType(body, "stream", JsonNode::isBoolean, "a boolean");
        checkType(body, "store", JsonNode::isBoolean, "a boolean");
        checkType(body, "parallel_tool_calls", JsonNode::isBoolean, "a boolean");
        checkType(body, "previous_response_id", JsonNode::isTextual, "a string");
        checkType(body, "user", JsonNode::isTextual, "a string");
        checkType(body, "metadata", JsonNode::isObject, "an object of string values");
        checkType(body, "reasoning", JsonNode::isObject, "an object such as {\"effort\":\"low\"}");
        checkType(body, "text", JsonNode::isObject, "an object such as {\"format\":{\"type\":\"text\"}}");
        checkType(body, "max_output_tokens", node -> node.isIntegralNumber() && node.asLong() >= 1,
                "an integer of at least 1");
        checkType(body, "temperature", node -> node.isNumber() && node.asDouble() >= 0 && node.asDouble() <= 2,
                "a number from 0 to 2");
        checkType(body, "top_p", node -> node.isNumber() && node.asDouble() >= 0 && node.asDouble() <= 1,
                "a number from 0 to 1");
        checkTools(body.get("tools"));
        checkToolChoice(body.get("tool_choice"));
        checkFormat(body.path("text").get("format"));
        return body;
    }

    private void checkInput(JsonNode input) {
        if (input.isTextual()) {
            return;
        }
        if (!input.isArray()) {
            throw invalid("Invalid 'input': expected a string or an array of input items.", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            if (!item.isObject()) {
                throw invalid("Invalid '" + at + "': expected an input item (an object).", at);
            }
            String type = itemType(item);
            if (BUILT_IN_ITEM_TYPES.contains(type)) {
                continue;
            }
            if ("item_reference".equals(type)) {
                // Resolved against the conversation of previous_response_id once it is read.
                required(item, "id", at);
                continue;
            }
            if (!ITEM_TYPES.contains(type)) {
                throw invalid("Invalid value: '" + type + "'. Supported values are: 'message', 'function_call', "
                        + "'function_call_output', 'reasoning' and the items of built-in tools.",
                        at + ".type");
            }
            switch (type) {
                case "message" -> checkMessage(item, at);
                case "function_call" -> {
                    required(item, "call_id", at);
                    required(item, "name", at);
                    required(item, "arguments", at);
                }
                case "function_call_output" -> {
                    required(item, "call_id", at);
                    JsonNode output = item.get("output");
                    if (output == null || !(output.isTextual() || output.isArray())) {
                        throw invalid("Invalid '" + at + ".output': expected a string or an array of content parts.",
                                at + ".output");
                    }
                }
                default -> {
                    // A reasoning item is carried or stripped as it is.
                }
            }
        }
    }

    /** An item's type; an item with a role and no type is a message, as OpenAI reads it. */
    static String itemType(JsonNode item) {
        if (item.path("type").isTextual()) {
            return item.get("type").asText();
        }
        return item.has("role") ? "message" : "";
    }

    private static void checkMessage(JsonNode item, String at) {
        String role = item.path("role").asText();
        if (!ROLES.contains(role)) {
            throw invalid("Invalid value: '" + role + "'. Supported values are: 'user', 'assistant', 'system' and "
                    + "'developer'.", at + ".role");
        }
        JsonNode content = item.get("content");
        if (content == null || !(content.isTextual() || content.isArray())) {
            throw invalid("Invalid '" + at + ".content': expected a string or an array of content parts.",
                    at + ".content");
        }
        for (int j = 0; content.isArray() && j < content.size(); j++) {
            String type = content.get(j).path("type").asText();
            if (!PART_TYPES.contains(type)) {
                throw invalid("Invalid value: '" + type + "'. Supported values are: 'input_text', 'input_image', "
                        + "'input_file', 'output_text' and 'refusal'.", at + ".content[" + j + "].type");
            }
        }
    }

    private static void checkTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("Invalid 'tools': expected an array of tools.", "tools");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.path("type").isTextual()) {
                throw invalid("Missing required parameter: 'tools[" + i + "].type'.", "tools[" + i + "].type");
            }
            if ("function".equals(tool.get("type").asText())
                    && (!tool.path("name").isTextual() || tool.path("name").asText().isBlank())) {
                throw invalid("Missing required parameter: 'tools[" + i + "].name'.", "tools[" + i + "].name");
            }
        }
    }

    private static void checkToolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual() ? !TOOL_CHOICES.contains(choice.asText()) : !choice.path("type").isTextual()) {
            throw invalid("Invalid 'tool_choice': expected 'auto', 'none', 'required' or an object with a 'type'.",
                    "tool_choice");
        }
    }

    private static void checkFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return;
        }
        String type = format.path("type").asText();
        if (!FORMATS.contains(type)) {
            throw invalid("Invalid value: '" + type + "'. Supported values are: 'text', 'json_object' and "
                    + "'json_schema'.", "text.format.type");
        }
        if ("json_schema".equals(type)) {
            required(format, "name", "text.format");
            if (!format.path("schema").isObject()) {
                throw invalid("Missing required parameter: 'text.format.schema'.", "text.format.schema");
            }
        }
    }

    private static void required(JsonNode node, String field, String at) {
        if (!node.path(field).isTextual()) {
            throw invalid("Missing required parameter: '" + at + "." + field + "'.", at + "." + field);
        }
    }

    private static void checkType(ObjectNode body, String field, java.util.function.Predicate<JsonNode> valid,
            String expected) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !valid.test(value)) {
            throw invalid("Invalid '" + field + "': expected " + expected + ".", field);
        }
    }

    private ObjectNode read(byte[] json) {
        if (json == null || json.length == 0) {
            throw invalid("The request body is empty; send a JSON Responses request.", null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("The request body is not valid JSON: " + e.getOriginalMessage() + ".", null);
        } catch (IOException e) {
            throw invalid("The request body could not be read.", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        return (ObjectNode) root;
    }

    private static ApiException invalid(String message, String param) {
        return new ApiException(400, message, param, null);
    }
}
