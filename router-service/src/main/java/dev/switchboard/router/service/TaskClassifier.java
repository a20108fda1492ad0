package dev.switchboard.router.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.router.config.RouterConfig;

/**
 * Decides a call's task from the request when the client did not name one: images mean vision, then the configured
 * keyword rules in order, then the prompt's length.
 */
@Singleton
public class TaskClassifier {

    public static final Set<String> TASKS = Set.of("coding", "planning", "vision", "analysis", "creative", "general",
            "simple", "complex");

    private final Map<String, Pattern> rules = new LinkedHashMap<>();
    private final int complexLength;
    private final int simpleLength;

    public TaskClassifier(RouterConfig config) {
        config.classifier().keywords().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(rule -> rules.put(rule.getKey(), Pattern.compile(rule.getValue())));
        this.complexLength = config.classifier().complexLength();
        this.simpleLength = config.classifier().simpleLength();
    }

    public String classify(ObjectNode body, Needs needs) {
        if (needs.images()) {
            return "vision";
        }
        String text = RequestTraits.userText(body);
        for (Map.Entry<String, Pattern> rule : rules.entrySet()) {
            if (rule.getValue().matcher(text).find()) {
                return rule.getKey();
            }
        }
        int length = needs.promptLength();
        if (length >= complexLength) {
            return "complex";
        }
        return length <= simpleLength ? "simple" : "general";
    }

    /**
     * What a call needs from a model, read from its body once: images need vision, tools need function calling, and
     * the prompt plus the requested output must fit the context window.
     */
    public record Needs(boolean images, boolean tools, int promptLength, int estimatedTokens, boolean embeddings) {

        public static Needs of(ObjectNode body) {
            return of(body, false);
        }

        /** What an embeddings call needs: an embedding model whose window fits its longest input. */
        public static Needs of(ObjectNode body, boolean embeddings) {
            if (embeddings) {
                int longest = RequestTraits.longestInput(body);
                return new Needs(false, false, longest, longest / 4, true);
            }
            int length = RequestTraits.promptLength(body);
            // A rough token count, four characters a token, to keep calls away from windows they cannot fit in.
            long output = body.path("max_tokens").asLong(body.path("max_completion_tokens").asLong(0));
            // Capped rather than overflowed: a huge max_tokens must still rule out every window it cannot fit in.
            int tokens = (int) Math.min(Integer.MAX_VALUE, length / 4L + output);
            return new Needs(RequestTraits.hasImages(body), RequestTraits.hasTools(body), length, tokens, false);
        }
    }

    /** Readings of a call's body. */
    static final class RequestTraits {

        private RequestTraits() {
        }

        static boolean hasImages(ObjectNode body) {
            for (JsonNode message : body.path("messages")) {
                for (JsonNode part : message.path("content")) {
                    if ("image_url".equals(part.path("type").asText())) {
                        return true;
                    }
                }
            }
            return false;
        }

        static boolean hasTools(ObjectNode body) {
            return body.path("tools").isArray() && !body.path("tools").isEmpty();
        }

        static String userText(ObjectNode body) {
            StringBuilder text = new StringBuilder();
            for (JsonNode message : body.path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    appendText(message.path("content"), text);
                }
            }
            return text.toString();
        }

        static int promptLength(ObjectNode body) {
            StringBuilder text = new StringBuilder();
            for (JsonNode message : body.path("messages")) {
                appendText(message.path("content"), text);
            }
            return text.length();
        }

        /** The characters of an embeddings call's longest text input (each is embedded on its own); 0 for tokens. */
        static int longestInput(ObjectNode body) {
            JsonNode input = body.path("input");
            if (input.isTextual()) {
                return input.asText().length();
            }
            int longest = 0;
            for (JsonNode item : input) {
                longest = Math.max(longest, item.isTextual() ? item.asText().length() : 0);
            }
            return longest;
        }

        private static void appendText(JsonNode content, StringBuilder text) {
            if (content.isTextual()) {
                text.append(content.asText()).append('\n');
            }
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    text.append(part.path("text").asText()).append('\n');
                }
            }
        }
    }
}
