package dev.switchboard.router.testing;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.ReplyError;

/**
 * What the fake adapter answers for the native Messages operations, in Anthropic's documented shapes: a message that
 * echoes the prompt, the same as an event stream word by word, a token count, or Anthropic's own error.
 */
final class AnthropicAnswers {

    private AnthropicAnswers() {
    }

    static void answer(CompletionRequest request, String prompt, ObjectMapper mapper, Consumer<CompletionReply> send) {
        if (request.operation() == Operation.COUNT_TOKENS) {
            send.accept(CompletionReply.success(request, mapper.createObjectNode().put("input_tokens", 42)));
            return;
        }
        if (FakeAdapter.ANTHROPIC_REFUSES.equals(prompt)) {
            ReplyError refused = new ReplyError(ErrorClass.BAD_REQUEST, 400, "prompt is too long", null,
                    FakeAdapter.ANTHROPIC_REFUSAL_BODY);
            send.accept(request.streamed() ? CompletionReply.streamFailure(request, 0, refused)
                    : CompletionReply.failure(request, refused));
            return;
        }
        if (!request.streamed()) {
            ObjectNode message = message(request, mapper);
            message.putArray("content").addObject().put("type", "text").put("text", prompt);
            message.put("stop_reason", "end_turn");
            message.putObject("usage").put("input_tokens", 3).put("output_tokens", 1);
            send.accept(CompletionReply.success(request, message));
            return;
        }
        int sequence = 0;
        ObjectNode start = mapper.createObjectNode().put("type", "message_start");
        ObjectNode message = message(request, mapper);
        message.putArray("content");
        message.putObject("usage").put("input_tokens", 3).put("output_tokens", 1);
        start.set("message", message);
        send.accept(CompletionReply.chunk(request, sequence++, start, false, null));
        ObjectNode blockStart = mapper.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        send.accept(CompletionReply.chunk(request, sequence++, blockStart, false, null));
        send.accept(CompletionReply.chunk(request, sequence++, mapper.createObjectNode().put("type", "ping"), false,
                null));
        for (String word : prompt.split(" ")) {
            ObjectNode delta = mapper.createObjectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", word);
            send.accept(CompletionReply.chunk(request, sequence++, delta, false, null));
        }
        send.accept(CompletionReply.chunk(request, sequence++,
                mapper.createObjectNode().put("type", "content_block_stop").put("index", 0), false, null));
        ObjectNode end = mapper.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", 5);
        send.accept(CompletionReply.chunk(request, sequence++, end, false, null));
        send.accept(CompletionReply.chunk(request, sequence++, mapper.createObjectNode().put("type", "message_stop"),
                false, null));
        send.accept(CompletionReply.chunk(request, sequence, null, true, null));
    }

    private static ObjectNode message(CompletionRequest request, ObjectMapper mapper) {
        return mapper.createObjectNode().put("id", "msg_01" + request.attempt()).put("type", "message")
                .put("role", "assistant").put("model", request.model());
    }
}
