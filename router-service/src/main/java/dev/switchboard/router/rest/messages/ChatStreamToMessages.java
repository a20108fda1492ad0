package dev.switchboard.router.rest.messages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns one chat stream, chunk by chunk, into Anthropic's event sequence: {@code message_start}, then per content
 * block {@code content_block_start}, its deltas and {@code content_block_stop}, then {@code message_delta} with the stop
 * reason and usage, and {@code message_stop}. A chunk may open or close blocks, so it gives zero or more events. One
 * instance serves one stream.
 */
final class ChatStreamToMessages {

    private enum Block {
        NONE,
        THINKING,
        TEXT,
        TOOL
    }

    private final ObjectMapper mapper;
    private final String id;
    private final String model;
    private final String provider;
    private final List<ObjectNode> events = new ArrayList<>(4);
    /** The Anthropic block index of each chat tool call index seen. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private boolean started;
    private Block open = Block.NONE;
    private int openIndex = -1;
    private int nextIndex;
    private String stopReason;
    private JsonNode usage;

    ChatStreamToMessages(ObjectMapper mapper, String id, String model, String provider) {
        this.mapper = mapper;
        this.id = id;
        this.model = model;
        this.provider = provider;
    }

    /** The events for one chat chunk. */
    List<ObjectNode> chunk(ObjectNode chunk) {
        events.clear();
        start();
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            String reasoning = ChatToMessages.reasoning(delta);
            if (!reasoning.isEmpty()) {
                delta(Block.THINKING, "thinking_delta", "thinking", reasoning);
            }
            if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
                delta(Block.TEXT, "text_delta", "text", delta.path("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call);
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = ChatToMessages.stopReason(choice.get("finish_reason").asText());
            }
        }
        return List.copyOf(events);
    }

    /** The events that end the message, after the chat stream's last chunk. */
    List<ObjectNode> end() {
        events.clear();
        start();
        close();
        ObjectNode delta = event("message_delta");
        delta.putObject("delta").put("stop_reason", stopReason == null ? "end_turn" : stopReason).putNull("stop_sequence");
        delta.set("usage", ChatToMessages.usage(usage == null ? mapper.createObjectNode() : usage, mapper));
        event("message_stop");
        return List.copyOf(events);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = event("message_start").putObject("message").put("id", id).put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
    }

    private void delta(Block kind, String deltaType, String field, String text) {
        if (open != kind) {
            close();
            ObjectNode block = mapper.createObjectNode().put("type", kind == Block.TEXT ? "text" : "thinking");
            block.put(field, "");
            if (kind == Block.THINKING) {
                block.put("signature", "");
            }
            openBlock(kind, block);
        }
        event("content_block_delta").put("index", openIndex).putObject("delta").put("type", deltaType).put(field, text);
    }

    private void toolCall(JsonNode call) {
        int chatIndex = call.path("index").asInt(toolBlocks.size());
        Integer index = toolBlocks.get(chatIndex);
        if (index == null) {
            close();
            ObjectNode block = mapper.createObjectNode().put("type", "tool_use").put("id", call.path("id").asText())
                    .put("name", call.path("function").path("name").asText());
            block.putObject("input");
            openBlock(Block.TOOL, block);
            toolBlocks.put(chatIndex, openIndex);
            index = openIndex;
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty() && index == openIndex) {
            event("content_block_delta").put("index", index).putObject("delta").put("type", "input_json_delta")
                    .put("partial_json", arguments);
        }
    }

    private void openBlock(Block kind, ObjectNode block) {
        open = kind;
        openIndex = nextIndex++;
        event("content_block_start").put("index", openIndex).set("content_block", block);
    }

    private void close() {
        if (open == Block.NONE) {
            return;
        }
        if (open == Block.THINKING) {
            event("content_block_delta").put("index", openIndex).putObject("delta").put("type", "signature_delta")
                    .put("signature", MessagesBlocks.foreignSignature(provider));
        }
        event("content_block_stop").put("index", openIndex);
        open = Block.NONE;
    }

    private ObjectNode event(String type) {
        ObjectNode event = mapper.createObjectNode().put("type", type);
        events.add(event);
        return event;
    }
}
