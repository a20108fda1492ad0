package dev.switchboard.router.rest.messages;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.service.pipeline.AttemptBody;

/**
 * Writes an Anthropic Messages request as an OpenAI Chat Completions request, for every provider that does not speak
 * Messages itself. What chat cannot carry is left out and named: parameters in the attempt's dropped parameters,
 * reasoning (thinking blocks and their signatures, which only the provider that made them can read) in its dropped
 * content. A server tool (web search, code execution) has no chat counterpart, so the call cannot be written at all.
 */
final class MessagesToChat {

    /** The fields translated below; any other is reported as dropped. */
    private static final Set<String> TRANSLATED = Set.of("model", "messages", "system", "max_tokens", "stop_sequences",
            "temperature", "top_p", "stream", "tools", "tool_choice", "metadata");
    /** Switchboard's own fields (the fallback list), read by the router and never sent on. */
    private static final Set<String> GATEWAY_FIELDS = Set.of("models");

    private final ObjectMapper mapper;
    private final ObjectNode in;
    private final ObjectNode out;
    private final Set<String> dropped = new LinkedHashSet<>();
    private final Set<String> strippedContent = new LinkedHashSet<>();

    private MessagesToChat(ObjectMapper mapper, ObjectNode in) {
        this.mapper = mapper;
        this.in = in;
        this.out = mapper.createObjectNode();
    }

    /**
     * The chat request for this Messages request.
     *
     * @throws ApiException 400 when the request uses a tool only Anthropic runs
     */
    static AttemptBody translate(ObjectNode body, ObjectMapper mapper) {
        MessagesToChat translation = new MessagesToChat(mapper, body);
        translation.write();
        return new AttemptBody(Operation.CHAT, translation.out, List.copyOf(translation.dropped),
                List.copyOf(translation.strippedContent));
    }

    private void write() {
        out.set("model", in.get("model"));
        ArrayNode messages = out.putArray("messages");
        String system = system(in.get("system"));
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (JsonNode message : in.path("messages")) {
            if ("assistant".equals(message.path("role").asText())) {
                assistant(message.get("content"), messages);
            } else {
                user(message.get("content"), messages);
            }
        }
        copy("max_tokens", "max_tokens");
        copy("temperature", "temperature");
        copy("top_p", "top_p");
        copy("stop_sequences", "stop");
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            // Usage ends the Messages stream (message_delta), so it is always asked for.
            out.putObject("stream_options").put("include_usage", true);
        }
        tools();
        JsonNode metadata = in.get("metadata");
        if (metadata != null && metadata.isObject()) {
            metadata.fieldNames().forEachRemaining(name -> {
                if ("user_id".equals(name) && metadata.get(name).isTextual()) {
                    out.put("user", metadata.get(name).asText());
                } else {
                    dropped.add("metadata." + name);
                }
            });
        }
        in.fieldNames().forEachRemaining(name -> {
            if (!TRANSLATED.contains(name) && !GATEWAY_FIELDS.contains(name) && !in.get(name).isNull()) {
                dropped.add(name);
            }
        });
    }

    private String system(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : system) {
            noteCacheControl(block);
            text.append(text.length() == 0 ? "" : "\n\n").append(block.path("text").asText());
        }
        return text.toString();
    }

    /** A user turn: its tool results first, as chat's tool messages (which must follow the tool calls), then the rest. */
    private void user(JsonNode content, ArrayNode messages) {
        if (content.isTextual()) {
            messages.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = mapper.createArrayNode();
        for (JsonNode block : content) {
            noteCacheControl(block);
            switch (block.path("type").asText()) {
                case "tool_result" -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", block.path("tool_use_id").asText())
                        .put("content", toolResultText(block.get("content")));
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText());
                case "image" -> parts.add(MessagesBlocks.imagePart(block, mapper));
                case "document" -> parts.add(MessagesBlocks.documentPart(block, mapper));
                default -> strip(block);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "user");
        if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
            message.put("content", parts.get(0).path("text").asText());
        } else {
            message.set("content", parts);
        }
    }

    private String toolResultText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                text.append(text.length() == 0 ? "" : "\n").append(block.path("text").asText());
            } else {
                // Chat's tool messages carry text only.
                dropped.add("tool_result.content." + block.path("type").asText());
            }
        }
        return text.toString();
    }

    private void assistant(JsonNode content, ArrayNode messages) {
        ObjectNode message = mapper.createObjectNode().put("role", "assistant");
        if (content.isTextual()) {
            messages.add(message.put("content", content.asText()));
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        for (JsonNode block : content) {
            noteCacheControl(block);
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> {
                    ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
                    JsonNode input = block.get("input");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                }
                default -> strip(block);
            }
        }
        if (text.length() == 0 && calls.isEmpty()) {
            return;
        }
        if (text.length() == 0) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        messages.add(message);
    }

    /** Thinking, redacted thinking and server tool blocks: only the provider that made them can read them. */
    private void strip(JsonNode block) {
        strippedContent.add(block.path("type").asText());
    }

    private void tools() {
        JsonNode tools = in.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode functions = out.putArray("tools");
            for (JsonNode tool : tools) {
                String type = tool.path("type").asText("custom");
                if (!"custom".equals(type)) {
                    throw new ApiException(400, "tools: the tool '" + tool.path("name").asText() + "' (" + type
                            + ") is run by Anthropic, and this model's provider has no such tool", null, null);
                }
                noteCacheControl(tool);
                ObjectNode function = functions.addObject().put("type", "function").putObject("function");
                function.put("name", tool.path("name").asText());
                if (tool.hasNonNull("description")) {
                    function.put("description", tool.get("description").asText());
                }
                JsonNode schema = tool.get("input_schema");
                function.set("parameters", schema != null && schema.isObject() ? schema
                        : mapper.createObjectNode().put("type", "object"));
            }
        }
        JsonNode choice = in.get("tool_choice");
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText()) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function").put("name",
                    choice.path("name").asText());
            default -> dropped.add("tool_choice");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false) && out.has("tools")) {
            out.put("parallel_tool_calls", false);
        }
    }

    private void copy(String from, String to) {
        JsonNode value = in.get(from);
        if (value != null && !value.isNull()) {
            out.set(to, value);
        }
    }

    /** Prompt caching is Anthropic's; elsewhere the marks mean nothing, and saying so is enough. */
    private void noteCacheControl(JsonNode block) {
        if (block.has("cache_control")) {
            dropped.add("cache_control");
        }
    }
}
