package dev.switchboard.router.rest.embeddings;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;

/**
 * Reads an embeddings body once and checks it the way OpenAI does: {@code input} is a non-empty string, an array of
 * non-empty strings, an array of token ids, or an array of non-empty token arrays, at most 2,048 of them; a bad call
 * gets a 400 that names the field at fault instead of failing later at a provider.
 */
@Singleton
public class EmbeddingsRequestParser {

    /** OpenAI's limit on the inputs of one call. */
    static final int MAX_INPUTS = 2048;
    private static final int MAX_USER = 256;

    private final ObjectMapper mapper;

    public EmbeddingsRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode parse(byte[] json) {
        ObjectNode body = read(json);
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' must be a non-empty string such as \"openai/text-embedding-3-small\".", "model");
        }
        checkInput(body.get("input"));
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull()
                && (!dimensions.isIntegralNumber() || !dimensions.canConvertToInt() || dimensions.asInt() < 1)) {
            throw invalid("'dimensions' must be an integer of at least 1.", "dimensions");
        }
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !(format.isTextual()
                && (EmbeddingsAnswers.FLOAT.equals(format.asText()) || EmbeddingsAnswers.BASE64.equals(format.asText())))) {
            throw invalid("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
        }
        JsonNode user = body.get("user");
        if (user != null && !user.isNull() && (!user.isTextual() || user.asText().length() > MAX_USER)) {
            throw invalid("'user' must be a string of at most " + MAX_USER + " characters.", "user");
        }
        JsonNode stream = body.get("stream");
        if (stream != null && stream.asBoolean(false)) {
            throw invalid("Embeddings are never streamed; leave 'stream' out.", "stream");
        }
        return body;
    }

    private ObjectNode read(byte[] json) {
        if (json == null || json.length == 0) {
            throw invalid("The request body is empty; send a JSON embeddings request.", null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("We could not parse the JSON body of your request: " + e.getOriginalMessage() + ".", null);
        } catch (IOException e) {
            throw invalid("We could not read the body of your request.", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        return (ObjectNode) root;
    }

    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw invalid("Missing required parameter: 'input'.", "input");
        }
        if (input.isTextual()) {
            if (input.asText().isEmpty()) {
                throw invalid("'input' cannot be an empty string.", "input");
            }
            return;
        }
        if (!input.isArray()) {
            throw invalid("'input' must be a string, an array of strings, an array of token ids or an array of token "
                    + "arrays.", "input");
        }
        if (input.isEmpty()) {
            throw invalid("'input' cannot be an empty array.", "input");
        }
        if (input.size() > MAX_INPUTS) {
            throw invalid("'input' may hold at most " + MAX_INPUTS + " items.", "input");
        }
        JsonNode first = input.get(0);
        if (first.isIntegralNumber()) {
            checkTokens(input, "input");
            return;
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            if (first.isTextual()) {
                if (!item.isTextual()) {
                    throw invalid("'" + at + "' must be a string, as the first item is.", at);
                }
                if (item.asText().isEmpty()) {
                    throw invalid("'" + at + "' cannot be an empty string.", at);
                }
            } else if (first.isArray()) {
                if (!item.isArray() || item.isEmpty()) {
                    throw invalid("'" + at + "' must be a non-empty array of token ids, as the first item is.", at);
                }
                checkTokens(item, at);
            } else {
                throw invalid("'" + at + "' must be a string, a token id or an array of token ids.", at);
            }
        }
    }

    private static void checkTokens(JsonNode tokens, String at) {
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode token = tokens.get(i);
            if (!token.isIntegralNumber() || !token.canConvertToInt() || token.asInt() < 0) {
                throw invalid("'" + at + "[" + i + "]' must be a token id, a non-negative integer.", at + "[" + i + "]");
            }
        }
    }

    private static ApiException invalid(String message, String param) {
        return new ApiException(400, message, param, null);
    }
}
