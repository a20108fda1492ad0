package dev.switchboard.router.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Operation;

/**
 * Which stream events only open a stream and give the caller nothing to read yet, in each operation's event shape. They
 * are held back until the first event that does, so that until then an attempt can still fail over unseen; then they go
 * out, in order, ahead of it.
 */
final class StreamPreamble {

    private StreamPreamble() {
    }

    static boolean holds(Operation operation, CompletionReply reply) {
        ObjectNode chunk = reply.chunk();
        if (reply.error() != null || reply.isFinal() || chunk == null) {
            return false;
        }
        return switch (operation) {
            case CHAT -> roleOnlyChunk(chunk);
            case MESSAGES -> messagesOpening(chunk);
            case RESPONSES -> responsesOpening(chunk);
            default -> false;
        };
    }

    /** A chat chunk whose choices say only who speaks: no content, tool call, refusal, finish reason or usage. */
    private static boolean roleOnlyChunk(ObjectNode chunk) {
        if (chunk.hasNonNull("usage")) {
            return false;
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return false;
        }
        for (JsonNode choice : choices) {
            if (choice.hasNonNull("finish_reason")) {
                return false;
            }
            var fields = choice.path("delta").fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!"role".equals(field.getKey()) && !empty(field.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Anthropic's {@code message_start}, {@code ping}, and the start of a text or thinking block that holds nothing yet;
     * a tool call's start names the tool, so it is content.
     */
    private static boolean messagesOpening(ObjectNode event) {
        return switch (event.path("type").asText()) {
            case "message_start", "ping" -> true;
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                String type = block.path("type").asText();
                yield ("text".equals(type) || "thinking".equals(type)) && empty(block.get(type));
            }
            default -> false;
        };
    }

    /** OpenAI's {@code response.created} and {@code response.in_progress}: a response begun, with nothing in it yet. */
    private static boolean responsesOpening(ObjectNode event) {
        String type = event.path("type").asText();
        return "response.created".equals(type) || "response.in_progress".equals(type);
    }

    private static boolean empty(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isEmpty();
    }
}
