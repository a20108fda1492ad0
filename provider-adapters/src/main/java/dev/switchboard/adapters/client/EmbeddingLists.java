package dev.switchboard.adapters.client;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

/**
 * Reads an OpenAI Embeddings request ({@code input} as a string, strings or token arrays) and writes the answer in
 * OpenAI's shape, for the providers that speak another protocol. Vectors are always floats: the router encodes them as
 * base64 when the caller asks for it.
 */
public final class EmbeddingLists {

    private EmbeddingLists() {
    }

    /** The texts to embed, in order; token arrays fail as {@code unsupported}, for a provider that takes only text. */
    public static List<String> texts(CompletionRequest request) {
        JsonNode input = request.body().path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
            return texts;
        }
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw new ProviderException(ErrorClass.UNSUPPORTED, request.provider()
                        + " embeds text only; token arrays need a provider that takes OpenAI's token ids");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    /** The {@code dimensions} the caller asked for, or null. */
    public static Integer dimensions(CompletionRequest request) {
        JsonNode dimensions = request.body().get("dimensions");
        return dimensions != null && dimensions.canConvertToInt() ? dimensions.asInt() : null;
    }

    /**
     * A {@code list} of {@code embedding}s, one per vector in order, with {@code usage}.
     *
     * @param vectors each a JSON array of numbers, as the provider sent it
     */
    public static ObjectNode answer(ObjectMapper mapper, String model, List<JsonNode> vectors, long promptTokens) {
        ObjectNode list = mapper.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            data.addObject().put("object", "embedding").put("index", i).set("embedding", vectors.get(i));
        }
        list.put("model", model);
        list.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return list;
    }

    /** An answer that does not hold one vector per input is the provider's failure, not a short answer. */
    public static void requireOnePerInput(String provider, int inputs, List<JsonNode> vectors) {
        if (vectors.size() != inputs || vectors.stream().anyMatch(vector -> !vector.isArray() || vector.isEmpty())) {
            throw new ProviderException(ErrorClass.SERVER_ERROR, provider + " answered with " + vectors.size()
                    + " vectors for " + inputs + " inputs");
        }
    }

    /**
     * A stated estimate of the tokens of texts whose provider reports none: four characters a token, rounded up per
     * text, as OpenAI's rule of thumb for English.
     */
    public static long estimatedTokens(List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            tokens += (text.codePointCount(0, text.length()) + 3) / 4;
        }
        return tokens;
    }
}
