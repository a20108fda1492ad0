package dev.switchboard.adapters.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.TokenUsage;

/**
 * What a stream has sent so far, for the usage of an attempt that ends early: whether content reached the router (the
 * point past which the caller sees the cut), the usage the provider reported, and, for when it reported none, an
 * estimate from the text itself. The estimate is four characters a token, the rule of thumb OpenAI gives for English
 * and the one the router plans windows with, and never less than one token per chunk with text, since providers stream
 * at most a few tokens a chunk. A stream's events reach it on one thread at a time, so it needs no locks.
 */
final class StreamTally {

    private static final int CHARS_PER_TOKEN = 4;

    private final long promptChars;
    private TokenUsage reported = TokenUsage.NONE;
    private boolean content;
    private long textChunks;
    private long textChars;

    StreamTally(JsonNode body) {
        this.promptChars = promptChars(body);
    }

    /** Takes note of an event as it goes to the router. */
    void sent(ObjectNode event) {
        long chars = textChars(event);
        if (chars > 0) {
            textChunks++;
            textChars += chars;
        }
        content |= !isRoleOnly(event) && !isResponsesOpening(event);
    }

    /** The provider's own count, from an event that carries usage. */
    void reported(TokenUsage usage) {
        reported = usage;
    }

    TokenUsage reported() {
        return reported;
    }

    /** Whether anything past a role-only opening was sent, so the router has committed the stream to its caller. */
    boolean committed() {
        return content;
    }

    /**
     * The tokens of the attempt so far: the provider's own figures where it gave them, and for the rest an estimate
     * from the prompt (input) and from the streamed text (output).
     */
    TokenUsage soFar() {
        long input = reported.input() > 0 ? reported.input() : estimate(promptChars, 0);
        long output = reported.output() > 0 ? reported.output() : estimate(textChars, textChunks);
        return new TokenUsage(input, output, reported.cachedInput(), reported.reasoning(), reported.cacheWrite(),
                reported.cacheWrite1h());
    }

    private static long estimate(long chars, long chunks) {
        return Math.max(chunks, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    /** The text a stream event carries: chat deltas (content, refusal, reasoning, tool calls) or another dialect's delta. */
    private static long textChars(JsonNode event) {
        JsonNode choices = event.path("choices");
        if (choices.isArray()) {
            long chars = 0;
            for (JsonNode choice : choices) {
                JsonNode delta = choice.path("delta");
                chars += text(delta.path("content")) + text(delta.path("refusal")) + text(delta.path("reasoning_content"));
                for (JsonNode call : delta.path("tool_calls")) {
                    chars += text(call.path("function").path("name")) + text(call.path("function").path("arguments"));
                }
            }
            return chars;
        }
        JsonNode delta = event.path("delta");
        return text(delta) + text(delta.path("text")) + text(delta.path("partial_json")) + text(delta.path("thinking"));
    }

    /** A chat chunk whose choices only name the role, as the router holds back before committing a stream. */
    private static boolean isRoleOnly(JsonNode event) {
        JsonNode choices = event.path("choices");
        if (!choices.isArray() || choices.isEmpty() || event.hasNonNull("usage")) {
            return false;
        }
        for (JsonNode choice : choices) {
            if (choice.hasNonNull("finish_reason")) {
                return false;
            }
            var fields = choice.path("delta").fields();
            while (fields.hasNext()) {
                var field = fields.next();
                boolean empty = field.getValue().isNull()
                        || field.getValue().isTextual() && field.getValue().asText().isEmpty();
                if (!"role".equals(field.getKey()) && !empty) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A Responses stream's opening events, which say a response began and carry nothing to read yet. */
    private static boolean isResponsesOpening(JsonNode event) {
        String type = event.path("type").asText();
        return "response.created".equals(type) || "response.in_progress".equals(type);
    }

    private static long promptChars(JsonNode body) {
        long chars = text(body.path("system")) + text(body.path("instructions")) + text(body.path("input"));
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            chars += text(content);
            for (JsonNode part : content) {
                chars += text(part.path("text"));
            }
        }
        return chars;
    }

    private static long text(JsonNode node) {
        return node.isTextual() ? node.asText().length() : 0;
    }
}
