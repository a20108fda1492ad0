package dev.switchboard.adapters.client.mock;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ChatCompletions;
import dev.switchboard.adapters.client.EmbeddingLists;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.contracts.ErrorClass;

/**
 * What the mock provider answers to an OpenAI body, whether asked in the process or over its loopback server: the last
 * user message as the reply, streamed one word per chunk, and vectors drawn from each input's hash. Tokens are counted as
 * whitespace-separated words, or as a token array's length.
 */
final class MockAnswers {

    /** OpenAI's largest embedding has 3,072 dimensions; the mock allows a little more, and no more. */
    private static final int MAX_DIMENSIONS = 4096;

    private final ObjectMapper mapper;

    MockAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@code chat.completion} answering the body. */
    ObjectNode completion(String id, String model, JsonNode body) {
        String reply = lastUserText(body);
        ObjectNode completion = ChatCompletions.envelope(mapper, id, model, ChatCompletions.COMPLETION,
                ChatCompletions.now());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", reply).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        completion.set("usage", usage(body, reply));
        return completion;
    }

    /** The {@code chat.completion.chunk}s answering the body, the last one carrying the usage. */
    List<ObjectNode> chunks(String id, String model, JsonNode body) {
        String reply = lastUserText(body);
        long created = ChatCompletions.now();
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(id, model, created, mapper.createObjectNode().put("role", "assistant").put("content", ""), null));
        String[] words = reply.strip().isEmpty() ? new String[0] : reply.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            chunks.add(chunk(id, model, created, mapper.createObjectNode().put("content", (i == 0 ? "" : " ") + words[i]),
                    null));
        }
        chunks.add(chunk(id, model, created, mapper.createObjectNode(), "stop"));
        ObjectNode usage = ChatCompletions.envelope(mapper, id, model, ChatCompletions.CHUNK, created);
        usage.putArray("choices");
        usage.set("usage", usage(body, reply));
        chunks.add(usage);
        return chunks;
    }

    /** An embedding list for the body's input, at the dimensions it asks for; out of range is a bad request. */
    ObjectNode embeddings(String model, JsonNode body, Integer askedDimensions) {
        JsonNode input = body.path("input");
        List<JsonNode> items = new ArrayList<>();
        if (input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
            input.forEach(items::add);
        } else {
            items.add(input);
        }
        if (askedDimensions != null && (askedDimensions < 1 || askedDimensions > MAX_DIMENSIONS)) {
            throw new ProviderException(ErrorClass.BAD_REQUEST, 400, "dimensions must be from 1 to " + MAX_DIMENSIONS,
                    null);
        }
        int dimensions = askedDimensions == null ? MockVectors.DEFAULT_DIMENSIONS : askedDimensions;
        List<JsonNode> vectors = new ArrayList<>();
        long tokens = 0;
        for (JsonNode item : items) {
            vectors.add(MockVectors.of(mapper, item.isTextual() ? item.asText() : item.toString(), dimensions));
            tokens += item.isTextual() ? words(item.asText()) : item.size();
        }
        return EmbeddingLists.answer(mapper, model, vectors, tokens);
    }

    private ObjectNode chunk(String id, String model, long created, ObjectNode delta, String finishReason) {
        ObjectNode chunk = ChatCompletions.envelope(mapper, id, model, ChatCompletions.CHUNK, created);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode usage(JsonNode body, String reply) {
        long prompt = 0;
        for (JsonNode message : body.path("messages")) {
            prompt += words(text(message.path("content")));
        }
        long completion = words(reply);
        return mapper.createObjectNode()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String lastUserText(JsonNode body) {
        String reply = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                reply = text(message.path("content"));
            }
        }
        return reply;
    }

    /** The text of a message's content, whether a plain string or an array of parts. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private static long words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
