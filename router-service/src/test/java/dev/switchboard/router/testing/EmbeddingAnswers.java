package dev.switchboard.router.testing;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.TokenCounts;

/**
 * What the fake adapter answers for embeddings, in OpenAI's shape: for input {@code i}, the vector
 * {@code [i + 0.5, -0.25, 0.125]}, and as many tokens as the inputs have words. The first input picks a failure as a
 * chat prompt does ({@link FakeAdapter#UNSUPPORTED}, {@link FakeAdapter#BAD_REQUEST}); failures that open no
 * circuit breaker, so that other tests' routing is left as it was.
 */
final class EmbeddingAnswers {

    private EmbeddingAnswers() {
    }

    /** The first input's text (a token array's JSON), which names the behaviour as a chat call's last prompt does. */
    static String firstInput(JsonNode body) {
        JsonNode input = body.path("input");
        JsonNode first = input.isArray() ? input.path(0) : input;
        return first.isTextual() ? first.asText() : first.toString();
    }

    static void answer(CompletionRequest request, String behaviour, ObjectMapper mapper, Consumer<CompletionReply> send) {
        if (FakeAdapter.UNSUPPORTED.equals(behaviour)) {
            send.accept(CompletionReply.failure(request, new ReplyError(ErrorClass.UNSUPPORTED, 400,
                    request.provider() + " embeds text only", null)));
            return;
        }
        if (FakeAdapter.BAD_REQUEST.equals(behaviour)) {
            send.accept(CompletionReply.failure(request, new ReplyError(ErrorClass.BAD_REQUEST, 400,
                    "This model does not support specifying dimensions.", null)));
            return;
        }
        JsonNode input = request.body().path("input");
        int count = input.isArray() && !input.path(0).isNumber() ? input.size() : 1;
        ObjectNode list = mapper.createObjectNode().put("object", "list");
        long tokens = 0;
        for (int i = 0; i < count; i++) {
            JsonNode item = input.isArray() && !input.path(0).isNumber() ? input.get(i) : input;
            tokens += item.isTextual() ? item.asText().split(" ").length : item.size();
            list.withArray("data").addObject().put("object", "embedding").put("index", i).putArray("embedding")
                    .add(i + 0.5).add(-0.25).add(0.125);
        }
        list.put("model", request.model());
        list.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        send.accept(CompletionReply.success(request, list).withTokens(new TokenCounts(tokens, 0, 0)));
    }
}
