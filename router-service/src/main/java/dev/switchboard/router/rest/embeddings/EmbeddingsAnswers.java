package dev.switchboard.router.rest.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.router.RouterAnswer;
import dev.switchboard.router.rest.CallHeaders;
import dev.switchboard.router.rest.chat.ChatAnswers;
import dev.switchboard.router.service.pipeline.CallResult;

/**
 * Writes a call's result in the OpenAI Embeddings shape: the {@code list} of {@code embedding}s as the adapter sent it,
 * its model named as the caller can ask for it again ({@code provider/model}), each vector as floats or, when the
 * caller asked for {@code base64}, as OpenAI writes it: the little-endian float32 bytes, base64-encoded. Errors are
 * chat's, in OpenAI's error shape.
 */
@Singleton
public class EmbeddingsAnswers {

    static final String FLOAT = "float";
    static final String BASE64 = "base64";

    private final ChatAnswers errors;
    private final ObjectMapper mapper;

    public EmbeddingsAnswers(ChatAnswers errors, ObjectMapper mapper) {
        this.errors = errors;
        this.mapper = mapper;
    }

    /** The answer to a call whose body asked for {@code encodingFormat} ({@code float} when null). */
    public RouterAnswer write(CallResult result, String encodingFormat) {
        if (result.failed()) {
            return errors.write(result);
        }
        ObjectNode list = result.answer();
        list.put("model", result.candidate().qualified());
        if (BASE64.equals(encodingFormat)) {
            for (JsonNode item : list.path("data")) {
                ((ObjectNode) item).put("embedding", base64(item.path("embedding")));
            }
        }
        try {
            return RouterAnswer.json(200, CallHeaders.of(result), mapper.writeValueAsBytes(list));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        vector.forEach(value -> bytes.putFloat(value.floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
