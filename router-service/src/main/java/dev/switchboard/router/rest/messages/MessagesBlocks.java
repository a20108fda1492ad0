package dev.switchboard.router.rest.messages;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Anthropic content blocks that need care both ways: images and documents as chat content parts, and thinking blocks,
 * whose signature only the provider that made them can check.
 *
 * <p>
 * A thinking block Switchboard writes from another provider's reasoning is signed {@code switchboard.<provider>}: a
 * dot never occurs in Anthropic's base64 signatures, so such a block is known to be foreign and is stripped before the
 * conversation reaches Anthropic, instead of failing there as a corrupted signature.
 */
final class MessagesBlocks {

    static final String FOREIGN_SIGNATURE_PREFIX = "switchboard.";

    private MessagesBlocks() {
    }

    /** The signature of a thinking block written from this provider's reasoning. */
    static String foreignSignature(String provider) {
        return FOREIGN_SIGNATURE_PREFIX + provider;
    }

    static ObjectNode imagePart(JsonNode block, ObjectMapper mapper) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText()) {
            case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
            case "url" -> source.path("url").asText();
            default -> throw onlyAnthropic("an image from a " + source.path("type").asText() + " source");
        };
        ObjectNode part = mapper.createObjectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    static ObjectNode documentPart(JsonNode block, ObjectMapper mapper) {
        JsonNode source = block.path("source");
        switch (source.path("type").asText()) {
            case "text":
                return mapper.createObjectNode().put("type", "text").put("text", source.path("data").asText());
            case "content":
                StringBuilder text = new StringBuilder();
                source.path("content").forEach(part -> text.append(part.path("text").asText()));
                return mapper.createObjectNode().put("type", "text").put("text", text.toString());
            case "base64":
                ObjectNode part = mapper.createObjectNode().put("type", "file");
                part.putObject("file").put("filename", block.path("title").asText("document.pdf"))
                        .put("file_data", "data:" + source.path("media_type").asText("application/pdf") + ";base64,"
                                + source.path("data").asText());
                return part;
            default:
                throw onlyAnthropic("a document from a " + source.path("type").asText() + " source");
        }
    }

    /**
     * The caller's body as Anthropic is to get it: unchanged, unless it holds thinking blocks written from another
     * provider's reasoning, which are left out (and named in {@code stripped}). When that leaves the last assistant
     * turn without its thinking while thinking is on, Anthropic would refuse the turn, so thinking is turned off for
     * this call (named in {@code droppedParameters}).
     */
    static ObjectNode forAnthropic(ObjectNode body, List<String> stripped, List<String> droppedParameters) {
        JsonNode messages = body.path("messages");
        if (!hasForeignThinking(messages)) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        boolean lastAssistantLostThinking = false;
        for (JsonNode message : copy.path("messages")) {
            JsonNode content = message.path("content");
            if (!content.isArray()) {
                continue;
            }
            List<Integer> foreign = new ArrayList<>();
            for (int i = 0; i < content.size(); i++) {
                if (isForeignThinking(content.get(i))) {
                    foreign.add(i);
                }
            }
            for (int i = foreign.size() - 1; i >= 0; i--) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) content).remove(foreign.get(i));
            }
            if ("assistant".equals(message.path("role").asText())) {
                lastAssistantLostThinking = !foreign.isEmpty();
            }
        }
        stripped.add("thinking");
        String thinking = copy.path("thinking").path("type").asText();
        if (lastAssistantLostThinking && ("enabled".equals(thinking) || "adaptive".equals(thinking))) {
            copy.remove("thinking");
            droppedParameters.add("thinking");
        }
        return copy;
    }

    private static boolean hasForeignThinking(JsonNode messages) {
        for (JsonNode message : messages) {
            for (JsonNode block : message.path("content")) {
                if (isForeignThinking(block)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isForeignThinking(JsonNode block) {
        return "thinking".equals(block.path("type").asText())
                && block.path("signature").asText().startsWith(FOREIGN_SIGNATURE_PREFIX);
    }

    private static ApiException onlyAnthropic(String what) {
        return new ApiException(400, "messages: " + what + " can be read by Anthropic only", null, null);
    }
}
