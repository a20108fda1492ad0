package dev.switchboard.router.rest.responses;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.client.ResponseStoreClient;
import dev.switchboard.router.client.StoredResponse;

/**
 * The conversations behind {@code store} and {@code previous_response_id}: what a continuation sends before its own
 * input (the stored conversation of the response it continues, which only the key that made it may read), and what a
 * response leaves for the next one (that conversation, its input and its output).
 */
@Singleton
public class StoredConversations {

    private final ResponseStoreClient store;
    private final ObjectMapper mapper;

    public StoredConversations(ResponseStoreClient store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /**
     * What a request continues: the items before its input and the model that made the previous response.
     *
     * @param items none, or the conversation of the request's {@code previous_response_id}
     * @param model the previous response's model as the caller can ask for it ({@code provider/model}); null when none
     */
    public record History(ArrayNode items, String model) {
    }

    /** The items before this request's input: none, or the conversation of its {@code previous_response_id}. */
    public Uni<History> history(ObjectNode request, String apiKeyId) {
        JsonNode previous = request.get("previous_response_id");
        if (previous == null || !previous.isTextual()) {
            return Uni.createFrom().item(new History(mapper.createArrayNode(), null));
        }
        return store.get(previous.asText(), apiKeyId).map(stored -> {
            if (stored.isEmpty() || !stored.get().conversation().isArray()) {
                throw new ApiException(404, "Previous response with id '" + previous.asText() + "' not found.",
                        "previous_response_id", "previous_response_not_found");
            }
            JsonNode model = stored.get().response().path("model");
            return new History((ArrayNode) stored.get().conversation().deepCopy(),
                    model.isTextual() ? model.asText() : null);
        });
    }

    /** Stores the response unless the request says {@code store: false}. */
    public Uni<Void> keep(ObjectNode request, ArrayNode history, ArrayNode input, ObjectNode response, String apiKeyId) {
        if (!request.path("store").asBoolean(true)) {
            return Uni.createFrom().voidItem();
        }
        String key = response.path("id").asText().substring("resp_".length());
        ArrayNode inputItems = mapper.createArrayNode();
        for (int i = 0; i < input.size(); i++) {
            ObjectNode item = ((ObjectNode) input.get(i)).deepCopy();
            if (!item.hasNonNull("id")) {
                item.put("id", "in_" + key + "_" + i);
            }
            inputItems.add(item);
        }
        ArrayNode conversation = history.deepCopy().addAll(inputItems);
        response.path("output").forEach(conversation::add);
        return store.put(response.path("id").asText(), new StoredResponse(apiKeyId, response, inputItems, conversation));
    }
}
