package dev.switchboard.router.rest.responses;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Writes an OpenAI Responses request as a Chat Completions request, for every provider that does not speak Responses
 * itself. What chat cannot carry is left out and named: parameters in the dropped parameters, reasoning items (which
 * only the provider that made them can read) in the dropped content. A built-in tool (web search, file search, code
 * interpreter, ...) or its items have no chat counterpart: the translation records why, and a candidate that would
 * need it is passed over with that 400.
 */
final class ResponsesToChat {

    /** A Responses request as chat, with what it left out. */
    record Translation(ObjectNode chat, List<String> droppedParameters, List<String> droppedContent,
            ApiException unwritable) {
    }

    /** The fields translated below, or read by the Responses door itself; any other is reported as dropped. */
    private static final Set<String> TRANSLATED = Set.of("model", "models", "input", "instructions", "tools",
            "tool_choice", "parallel_tool_calls", "text", "reasoning", "max_output_tokens", "temperature", "top_p",
            "metadata", "user", "stream", "store", "previous_response_id", "service_tier");

    private final ObjectMapper mapper;
    private final ObjectNode in;
    private final ObjectNode out;
    private final ArrayNode messages;
    private final Set<String> dropped = new LinkedHashSet<>();
    private final Set<String> stripped = new LinkedHashSet<>();
    private ApiException unwritable;

    private ResponsesToChat(ObjectMapper mapper, ObjectNode in) {
        this.mapper = mapper;
        this.in = in;
        this.out = mapper.createObjectNode();
        this.messages = mapper.createArrayNode();
    }

    /**
     * The chat request for this Responses request, whose conversation is {@code items}: the stored conversation of its
     * {@code previous_response_id} (when it has one) followed by its own input, as {@link ResponsesInput#items} reads it.
     */
    static Translation translate(ObjectNode request, ArrayNode items, ObjectMapper mapper) {
        ResponsesToChat translation = new ResponsesToChat(mapper, request);
        translation.write(items);
        return new Translation(translation.out, List.copyOf(translation.dropped), List.copyOf(translation.stripped),
                translation.unwritable);
    }

    private void write(ArrayNode items) {
        out.set("model", in.get("model"));
        copy("models", "models");
        if (in.path("instructions").isTextual() && !in.get("instructions").asText().isEmpty()) {
            messages.addObject().put("role", "system").put("content", in.get("instructions").asText());
        }
        for (int i = 0; i < items.size(); i++) {
            item(items.get(i), i);
        }
        out.set("messages", messages);
        copy("max_output_tokens", "max_completion_tokens");
        copy("temperature", "temperature");
        copy("top_p", "top_p");
        copy("user", "user");
        copy("metadata", "metadata");
        copy("service_tier", "service_tier");
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            // Usage ends the Responses stream (response.completed), so it is always asked for.
            out.putObject("stream_options").put("include_usage", true);
        }
        tools();
        format(in.path("text"));
        JsonNode reasoning = in.get("reasoning");
        if (reasoning != null && reasoning.isObject()) {
            if (reasoning.path("effort").isTextual()) {
                out.put("reasoning_effort", reasoning.get("effort").asText());
            }
            if (reasoning.hasNonNull("summary")) {
                dropped.add("reasoning.summary");
            }
        }
        in.fieldNames().forEachRemaining(name -> {
            if (!TRANSLATED.contains(name) && !in.get(name).isNull()) {
                dropped.add(name);
            }
        });
    }

    private void item(JsonNode item, int index) {
        String type = ResponsesRequestParser.itemType(item);
        switch (type) {
            case "message" -> message(item);
            case "function_call" -> functionCall(item);
            case "function_call_output" -> messages.addObject().put("role", "tool")
                    .put("tool_call_id", item.path("call_id").asText())
                    .put("content", text(item.get("output")));
            // Reasoning (OpenAI's encrypted content, another provider's text) is readable only where it was made.
            case "reasoning" -> stripped.add("reasoning");
            default -> refuse("input[" + index + "]: a " + type + " item belongs to a tool OpenAI runs itself, and this "
                    + "model's provider has no such tool", "input[" + index + "].type");
        }
    }

    private void message(JsonNode item) {
        String role = item.path("role").asText();
        JsonNode content = item.get("content");
        if ("assistant".equals(role)) {
            ObjectNode message = messages.addObject().put("role", "assistant");
            message.put("content", text(content));
            return;
        }
        // The developer role is OpenAI's newer name for system; other providers know only system.
        String chatRole = "developer".equals(role) ? "system" : role;
        if (content.isTextual() || "system".equals(chatRole)) {
            messages.addObject().put("role", chatRole).put("content", text(content));
            return;
        }
        ArrayNode parts = mapper.createArrayNode();
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "input_text", "output_text" -> parts.addObject().put("type", "text")
                        .put("text", part.path("text").asText());
                case "input_image" -> image(part, parts);
                case "input_file" -> file(part, parts);
                default -> dropped.add("input.content." + part.path("type").asText());
            }
        }
        ObjectNode message = messages.addObject().put("role", chatRole);
        if (parts.size() == 1 && "text".equals(parts.get(0).path("type").asText())) {
            message.put("content", parts.get(0).path("text").asText());
        } else {
            message.set("content", parts);
        }
    }

    private void image(JsonNode part, ArrayNode parts) {
        if (!part.path("image_url").isTextual()) {
            refuse("input: an image given by file_id is stored at OpenAI, and this model's provider cannot read it",
                    "input");
            return;
        }
        ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url")
                .put("url", part.get("image_url").asText());
        if (part.path("detail").isTextual()) {
            url.put("detail", part.get("detail").asText());
        }
    }

    private void file(JsonNode part, ArrayNode parts) {
        if (!part.path("file_data").isTextual()) {
            refuse("input: a file given by file_id or file_url is stored at OpenAI, and this model's provider cannot "
                    + "read it", "input");
            return;
        }
        parts.addObject().put("type", "file").putObject("file")
                .put("filename", part.path("filename").asText("document.pdf"))
                .put("file_data", part.get("file_data").asText());
    }

    /** A function call joins the assistant turn just before it, as chat's tool calls belong to one assistant message. */
    private void functionCall(JsonNode item) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ObjectNode assistant;
        if (last != null && "assistant".equals(last.path("role").asText())) {
            assistant = (ObjectNode) last;
        } else {
            assistant = messages.addObject().put("role", "assistant").putNull("content");
        }
        ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls")
                : assistant.putArray("tool_calls");
        calls.addObject().put("id", item.path("call_id").asText()).put("type", "function").putObject("function")
                .put("name", item.path("name").asText()).put("arguments", item.path("arguments").asText());
    }

    /** The text of a content string or of an array of text parts. */
    private String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                text.append(text.length() == 0 ? "" : "\n").append(part.get("text").asText());
            } else if (part.has("refusal")) {
                text.append(part.get("refusal").asText());
            } else {
                dropped.add("input.content." + part.path("type").asText());
            }
        }
        return text.toString();
    }

    private void tools() {
        JsonNode tools = in.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode functions = mapper.createArrayNode();
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                String type = tool.path("type").asText();
                if (!"function".equals(type)) {
                    refuse("tools[" + i + "]: the built-in tool '" + type + "' is run by OpenAI, and this model's "
                            + "provider has no such tool", "tools[" + i + "].type");
                    continue;
                }
                ObjectNode function = functions.addObject().put("type", "function").putObject("function");
                function.put("name", tool.path("name").asText());
                if (tool.hasNonNull("description")) {
                    function.set("description", tool.get("description"));
                }
                function.set("parameters", tool.path("parameters").isObject() ? tool.get("parameters")
                        : mapper.createObjectNode().put("type", "object"));
                if (tool.hasNonNull("strict")) {
                    function.set("strict", tool.get("strict"));
                }
            }
            if (!functions.isEmpty()) {
                out.set("tools", functions);
            }
            if (!functions.isEmpty() && in.hasNonNull("parallel_tool_calls")) {
                out.set("parallel_tool_calls", in.get("parallel_tool_calls"));
            }
        }
        JsonNode choice = in.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return;
        }
        if (choice.isTextual()) {
            out.put("tool_choice", choice.asText());
        } else if ("function".equals(choice.path("type").asText())) {
            out.putObject("tool_choice").put("type", "function").putObject("function").put("name",
                    choice.path("name").asText());
        } else if ("allowed_tools".equals(choice.path("type").asText())) {
            out.put("tool_choice", choice.path("mode").asText("auto"));
            dropped.add("tool_choice.tools");
        } else {
            refuse("tool_choice: the built-in tool '" + choice.path("type").asText() + "' is run by OpenAI, and this "
                    + "model's provider has no such tool", "tool_choice");
        }
    }

    private void format(JsonNode text) {
        JsonNode format = text.get("format");
        if (format != null && format.isObject()) {
            switch (format.path("type").asText()) {
                case "json_object" -> out.putObject("response_format").put("type", "json_object");
                case "json_schema" -> {
                    ObjectNode schema = out.putObject("response_format").put("type", "json_schema")
                            .putObject("json_schema");
                    schema.set("name", format.get("name"));
                    schema.set("schema", format.get("schema"));
                    if (format.hasNonNull("strict")) {
                        schema.set("strict", format.get("strict"));
                    }
                    if (format.hasNonNull("description")) {
                        schema.set("description", format.get("description"));
                    }
                }
                default -> {
                    // Plain text is what chat answers anyway.
                }
            }
        }
        if (text.hasNonNull("verbosity")) {
            dropped.add("text.verbosity");
        }
    }

    private void copy(String from, String to) {
        JsonNode value = in.get(from);
        if (value != null && !value.isNull()) {
            out.set(to, value);
        }
    }

    private void refuse(String message, String param) {
        if (unwritable == null) {
            unwritable = new ApiException(400, message + ".", param, "unsupported_parameter");
        }
    }
}
