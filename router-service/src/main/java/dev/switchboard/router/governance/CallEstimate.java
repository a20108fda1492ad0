package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.CatalogModel;

/**
 * A call's worst case, reserved before it runs: no tokenizer counts a prompt as more tokens than it has UTF-8 bytes,
 * so the prompt is taken as the bytes of every text and field name it sends (messages, tools, functions, response
 * format, an embeddings call's input, where a token id counts at least one), plus a margin per message and per image; the
 * answer as {@code max_completion_tokens} or {@code max_tokens},
 * else the model's output limit, times {@code n}.
 */
public final class CallEstimate {

    /** Role markers and separators a provider adds around each message. */
    static final int TOKENS_PER_MESSAGE = 8;
    /** More than any provider bills for one image (OpenAI, Anthropic and Gemini stay under 1,600). */
    static final int TOKENS_PER_IMAGE = 2_000;
    /** The answer's bound when neither the call nor the catalog gives one. */
    static final int DEFAULT_OUTPUT_TOKENS = 32_768;

    private static final String[] PROMPT_FIELDS = { "messages", "tools", "functions", "tool_choice", "response_format",
            "prediction", "input" };

    private CallEstimate() {
    }

    /** Whether a call of this operation runs no model, so it reserves no tokens and no cost: a token count. */
    public static boolean costsNothing(Operation operation) {
        return operation == Operation.COUNT_TOKENS;
    }

    /** The prompt's worst case for this operation; none for one that {@link #costsNothing}. */
    public static long promptTokens(Operation operation, ObjectNode body) {
        return costsNothing(operation) ? 0 : promptTokens(body);
    }

    public static long promptTokens(ObjectNode body) {
        long tokens = 0;
        for (String field : PROMPT_FIELDS) {
            tokens += bytes(body.get(field));
        }
        return tokens + (long) TOKENS_PER_MESSAGE * body.path("messages").size();
    }

    /** The answer's worst case for this operation: an embedding and a token count answer with no tokens. */
    public static long outputTokens(Operation operation, ObjectNode body, CatalogModel model) {
        return operation == Operation.EMBEDDINGS || costsNothing(operation) ? 0 : outputTokens(body, model);
    }

    public static long outputTokens(ObjectNode body, CatalogModel model) {
        long limit = body.path("max_completion_tokens").asLong(body.path("max_tokens").asLong(0));
        if (limit <= 0) {
            limit = model != null && model.maxOutputTokens() != null && model.maxOutputTokens() > 0 ? model.maxOutputTokens()
                    : model != null && model.contextWindow() != null && model.contextWindow() > 0 ? model.contextWindow()
                            : DEFAULT_OUTPUT_TOKENS;
        }
        return limit * Math.max(1, body.path("n").asLong(1));
    }

    /** USD for the worst case at these prices; zero without prices (a call no budget covers). */
    public static BigDecimal cost(TokenPrices prices, long promptTokens, long outputTokens) {
        return prices == null ? BigDecimal.ZERO : prices.worstCase(promptTokens, outputTokens);
    }

    /** UTF-8 bytes of every text and field name under the node; an image part counts as {@link #TOKENS_PER_IMAGE}. */
    private static long bytes(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isTextual()) {
            return utf8Length(node.asText());
        }
        if (node.isObject()) {
            if ("image_url".equals(node.path("type").asText())) {
                return TOKENS_PER_IMAGE;
            }
            long total = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                total += utf8Length(field.getKey()) + bytes(field.getValue());
            }
            return total;
        }
        if (node.isArray()) {
            long total = 0;
            for (JsonNode item : node) {
                total += bytes(item);
            }
            return total;
        }
        return node.asText().length();
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
