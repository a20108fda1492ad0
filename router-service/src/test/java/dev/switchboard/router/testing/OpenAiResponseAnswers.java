package dev.switchboard.router.testing;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.TokenCounts;

/**
 * What the fake adapter answers for the native Responses operation, in OpenAI's documented shapes: a response whose
 * output is a reasoning item with {@link #ENCRYPTED} content and a message that echoes the prompt, or the same as the
 * Responses event sequence word by word, or OpenAI's own refusal ({@link FakeAdapter#OPENAI_REFUSES}). Ids are the provider's
 * own ({@link #UPSTREAM_ID}).
 */
final class OpenAiResponseAnswers {

    /** The id the provider gives its response, which Switchboard replaces with its own. */
    static final String UPSTREAM_ID = "resp_upstream";
    /** The encrypted content of the reasoning item every answer carries. */
    static final String ENCRYPTED = "gAAAA-opaque";

    private OpenAiResponseAnswers() {
    }

    /** The text of the last user message of a Responses body's {@code input}. */
    static String lastUserInput(JsonNode body) {
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            return input.asText();
        }
        String last = "";
        for (JsonNode item : input) {
            if ("user".equals(item.path("role").asText())) {
                JsonNode content = item.path("content");
                last = content.isTextual() ? content.asText() : content.path(0).path("text").asText("[parts]");
            }
        }
        return last;
    }

    static void answer(CompletionRequest request, String prompt, ObjectMapper mapper, Consumer<CompletionReply> send) {
        if (FakeAdapter.OPENAI_REFUSES.equals(prompt)) {
            ReplyError refused = new ReplyError(ErrorClass.BAD_REQUEST, 400, "openai answered 400: Invalid value", null,
                    FakeAdapter.OPENAI_REFUSAL_BODY);
            send.accept(request.streamed() ? CompletionReply.streamFailure(request, 0, refused)
                    : CompletionReply.failure(request, refused));
            return;
        }
        long input = prompt.split(" ").length;
        TokenCounts tokens = new TokenCounts(input, 1, 0);
        if (!request.streamed()) {
            send.accept(CompletionReply.success(request, completed(request, prompt, mapper)).withTokens(tokens));
            return;
        }
        int sequence = 0;
        ObjectNode created = response(request, mapper).put("status", "in_progress");
        created.putArray("output");
        send.accept(event(request, sequence++, "response.created", mapper, event -> event.set("response", created)));
        send.accept(event(request, sequence++, "response.in_progress", mapper,
                event -> event.set("response", created.deepCopy())));
        ObjectNode message = mapper.createObjectNode().put("id", "msg_upstream").put("type", "message")
                .put("status", "in_progress").put("role", "assistant");
        message.putArray("content");
        send.accept(event(request, sequence++, "response.output_item.added", mapper,
                event -> event.put("output_index", 0).set("item", message)));
        for (String word : prompt.split(" ")) {
            send.accept(event(request, sequence++, "response.output_text.delta", mapper, event -> event
                    .put("item_id", "msg_upstream").put("output_index", 0).put("content_index", 0).put("delta", word)));
        }
        ObjectNode completed = completed(request, prompt, mapper);
        send.accept(event(request, sequence++, "response.completed", mapper, event -> event.set("response", completed)));
        send.accept(CompletionReply.chunk(request, sequence, null, true, null).withTokens(tokens));
    }

    private static ObjectNode completed(CompletionRequest request, String prompt, ObjectMapper mapper) {
        ObjectNode response = response(request, mapper).put("status", "completed");
        ArrayNode output = response.putArray("output");
        output.addObject().put("type", "reasoning").put("id", "rs_upstream").put("encrypted_content", ENCRYPTED)
                .putArray("summary");
        ObjectNode message = output.addObject().put("type", "message").put("id", "msg_upstream")
                .put("status", "completed").put("role", "assistant");
        message.putArray("content").addObject().put("type", "output_text").put("text", prompt).putArray("annotations");
        response.putObject("usage").put("input_tokens", prompt.split(" ").length).put("output_tokens", 1)
                .put("total_tokens", prompt.split(" ").length + 1);
        return response;
    }

    private static ObjectNode response(CompletionRequest request, ObjectMapper mapper) {
        return mapper.createObjectNode().put("id", UPSTREAM_ID).put("object", "response").put("created_at", 1_741_476_542L)
                .put("model", request.model());
    }

    private static CompletionReply event(CompletionRequest request, int sequence, String type, ObjectMapper mapper,
            Consumer<ObjectNode> fill) {
        ObjectNode event = mapper.createObjectNode().put("type", type).put("sequence_number", sequence);
        fill.accept(event);
        return CompletionReply.chunk(request, sequence, event, false, null);
    }
}
