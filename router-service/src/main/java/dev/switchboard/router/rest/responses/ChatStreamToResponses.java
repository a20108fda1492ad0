package dev.switchboard.router.rest.responses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns one chat stream, chunk by chunk, into the Responses event sequence: {@code response.created} and
 * {@code response.in_progress}; per output item {@code response.output_item.added}, its deltas
 * ({@code response.output_text.delta}, {@code response.function_call_arguments.delta},
 * {@code response.reasoning_text.delta}) and their {@code .done} events, then {@code response.output_item.done}; and
 * at the end {@code response.completed} or {@code response.incomplete}, or {@code response.failed} when the stream
 * broke. Every event carries its {@code sequence_number}. One instance serves one stream.
 */
final class ChatStreamToResponses {

    /** One output item under way: its index in {@code output}, its kind and what it has gathered. */
    private static final class Item {
        final int index;
        final String kind;
        final String id;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();

        Item(int index, String kind, String id, String callId, String name) {
            this.index = index;
            this.kind = kind;
            this.id = id;
            this.callId = callId;
            this.name = name;
        }
    }

    private final ObjectMapper mapper;
    private final ResponseIds ids;
    private final ObjectNode response;
    private final List<ObjectNode> events = new ArrayList<>(4);
    private final List<ObjectNode> output = new ArrayList<>();
    /** The item of each chat tool call index seen. */
    private final Map<Integer, Item> calls = new HashMap<>();
    private Item open;
    private int sequence;
    private boolean started;
    private String finishReason;
    private JsonNode usage;

    ChatStreamToResponses(ObjectMapper mapper, ResponseIds ids, ObjectNode request, String model) {
        this.mapper = mapper;
        this.ids = ids;
        this.response = ChatToResponses.skeleton(request, ids.response(), model, System.currentTimeMillis() / 1000,
                mapper);
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
            String reasoning = ChatToResponses.reasoning(delta);
            if (!reasoning.isEmpty()) {
                textDelta("reasoning", reasoning);
            }
            if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
                textDelta("message", delta.path("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        return List.copyOf(events);
    }

    /** The events that end the response, after the chat stream's last chunk. */
    List<ObjectNode> end() {
        events.clear();
        start();
        close();
        ChatToResponses.finish(response, finishReason, usage == null ? mapper.createObjectNode() : usage, mapper);
        response.set("output", mapper.createArrayNode().addAll(output));
        event("completed".equals(response.path("status").asText()) ? "response.completed" : "response.incomplete")
                .set("response", response);
        return List.copyOf(events);
    }

    /** The event that ends a broken stream: {@code response.failed}, with what went wrong. */
    List<ObjectNode> failed(String code, String message) {
        events.clear();
        start();
        close();
        response.put("status", "failed");
        response.putObject("error").put("code", code).put("message", message);
        response.set("output", mapper.createArrayNode().addAll(output));
        event("response.failed").set("response", response);
        return List.copyOf(events);
    }

    /** The response as it stands, for the caller's records (a stored response). */
    ObjectNode response() {
        return response;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        event("response.created").set("response", response.deepCopy());
        event("response.in_progress").set("response", response.deepCopy());
    }

    private void textDelta(String kind, String text) {
        if (open == null || !open.kind.equals(kind)) {
            close();
            String id = "message".equals(kind) ? ids.message() : ids.reasoning();
            open = new Item(output.size(), kind, id, null, null);
            output.add(null);
            ObjectNode item = "message".equals(kind) ? ChatToResponses.message(id, "", "", "in_progress", mapper)
                    : ChatToResponses.reasoningItem(id, "", mapper);
            itemEvent("response.output_item.added", item);
            if ("message".equals(kind)) {
                partEvent("response.content_part.added", ChatToResponses.outputText("", mapper));
            } else {
                partEvent("response.content_part.added", reasoningPart(""));
            }
        }
        open.text.append(text);
        ObjectNode delta = event("message".equals(kind) ? "response.output_text.delta" : "response.reasoning_text.delta")
                .put("item_id", open.id).put("output_index", open.index).put("content_index", 0).put("delta", text);
        if ("message".equals(kind)) {
            delta.putArray("logprobs");
        }
    }

    private void toolCall(JsonNode call) {
        int chatIndex = call.path("index").asInt(calls.size());
        Item item = calls.get(chatIndex);
        if (item == null) {
            close();
            item = new Item(output.size(), "function_call", ids.functionCall(calls.size()), call.path("id").asText(),
                    call.path("function").path("name").asText());
            output.add(null);
            calls.put(chatIndex, item);
            open = item;
            itemEvent("response.output_item.added",
                    ChatToResponses.functionCall(item.id, item.callId, item.name, "", "in_progress", mapper));
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            item.text.append(arguments);
            event("response.function_call_arguments.delta").put("item_id", item.id).put("output_index", item.index)
                    .put("delta", arguments);
        }
    }

    /** Ends the item under way: its done events, and its final form in the output. */
    private void close() {
        if (open == null) {
            return;
        }
        Item item = open;
        open = null;
        String text = item.text.toString();
        ObjectNode done;
        switch (item.kind) {
            case "message" -> {
                event("response.output_text.done").put("item_id", item.id).put("output_index", item.index)
                        .put("content_index", 0).put("text", text).putArray("logprobs");
                partEvent(item, "response.content_part.done", ChatToResponses.outputText(text, mapper));
                done = ChatToResponses.message(item.id, text, "", "completed", mapper);
            }
            case "reasoning" -> {
                event("response.reasoning_text.done").put("item_id", item.id).put("output_index", item.index)
                        .put("content_index", 0).put("text", text);
                partEvent(item, "response.content_part.done", reasoningPart(text));
                done = ChatToResponses.reasoningItem(item.id, text, mapper);
            }
            default -> {
                event("response.function_call_arguments.done").put("item_id", item.id).put("output_index", item.index)
                        .put("name", item.name).put("arguments", text);
                done = ChatToResponses.functionCall(item.id, item.callId, item.name, text, "completed", mapper);
            }
        }
        output.set(item.index, done);
        event("response.output_item.done").put("output_index", item.index).set("item", done);
    }

    private ObjectNode reasoningPart(String text) {
        return mapper.createObjectNode().put("type", "reasoning_text").put("text", text);
    }

    private void itemEvent(String type, ObjectNode item) {
        event(type).put("output_index", open.index).set("item", item);
    }

    private void partEvent(String type, ObjectNode part) {
        partEvent(open, type, part);
    }

    private void partEvent(Item item, String type, ObjectNode part) {
        event(type).put("item_id", item.id).put("output_index", item.index).put("content_index", 0).set("part", part);
    }

    private ObjectNode event(String type) {
        ObjectNode event = mapper.createObjectNode().put("type", type).put("sequence_number", sequence++);
        events.add(event);
        return event;
    }
}
