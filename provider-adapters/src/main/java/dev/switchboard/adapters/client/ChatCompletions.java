package dev.switchboard.adapters.client;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The parts of an OpenAI {@code chat.completion} or chunk that do not depend on the provider: envelope, time, call ids. */
public final class ChatCompletions {

    public static final String COMPLETION = "chat.completion";
    public static final String CHUNK = "chat.completion.chunk";

    private ChatCompletions() {
    }

    /** The envelope every completion and chunk starts with, its fields in OpenAI's order. */
    public static ObjectNode envelope(ObjectMapper mapper, String id, String model, String object, long created) {
        return mapper.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", created)
                .put("model", model);
    }

    /** A completion id from the provider's answer id or, lacking one, the gateway's request id. */
    public static String id(String answerOrRequestId) {
        return "chatcmpl-" + answerOrRequestId;
    }

    /** OpenAI's {@code created}: seconds since the epoch. */
    public static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A prefix for the tool call ids of one answer, for providers that give calls no ids; OpenAI clients need unique ones. */
    public static String callIdPrefix() {
        return "call_" + String.format("%08x", ThreadLocalRandom.current().nextInt()) + "_";
    }
}
