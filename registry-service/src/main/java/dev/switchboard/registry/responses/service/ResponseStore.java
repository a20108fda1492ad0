package dev.switchboard.registry.responses.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.registry.config.ResponsesConfig;
import dev.switchboard.registry.responses.StoredResponse;
import dev.switchboard.registry.responses.StoredResponseBody;

/**
 * Keeps the router's stored responses for the configured retention. A response is found only by the key that made it
 * and only until it expires; each write also deletes the responses that have expired, so the table holds no more than
 * the retention's worth without a job of its own.
 */
@ApplicationScoped
public class ResponseStore {

    private final ResponsesConfig config;
    private final ObjectMapper mapper;

    public ResponseStore(ResponsesConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @Transactional
    public void put(String id, StoredResponseBody body) {
        Instant now = Instant.now();
        StoredResponse.delete("expiresAt < ?1", now);
        StoredResponse stored = StoredResponse.findById(id);
        if (stored == null) {
            stored = new StoredResponse();
            stored.id = id;
            stored.createdAt = now;
        } else if (!stored.apiKeyId.equals(body.apiKeyId())) {
            // Ids are the router's own and never reused; another key's response is not overwritten.
            return;
        }
        stored.apiKeyId = body.apiKeyId();
        stored.response = json(body.response());
        stored.inputItems = json(body.inputItems());
        stored.conversation = json(body.conversation());
        stored.expiresAt = now.plus(config.retention());
        stored.persist();
    }

    /** The response, when it exists, has not expired, and belongs to this key. */
    @Transactional
    public Optional<StoredResponseBody> get(String id, String apiKeyId) {
        return find(id, apiKeyId).map(stored -> new StoredResponseBody(stored.apiKeyId, read(stored.response),
                read(stored.inputItems), read(stored.conversation)));
    }

    /** Deletes the response; false when this key has no such response. */
    @Transactional
    public boolean delete(String id, String apiKeyId) {
        Optional<StoredResponse> stored = find(id, apiKeyId);
        stored.ifPresent(StoredResponse::delete);
        return stored.isPresent();
    }

    private Optional<StoredResponse> find(String id, String apiKeyId) {
        StoredResponse stored = StoredResponse.findById(id);
        if (stored == null || !stored.apiKeyId.equals(apiKeyId) || stored.expiresAt.isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
