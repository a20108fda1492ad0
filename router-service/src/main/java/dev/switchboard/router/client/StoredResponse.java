package dev.switchboard.router.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A response as the registry stores it for {@code /v1/responses}: the response, its request's input items, and the
 * conversation up to its output, which a {@code previous_response_id} continues; readable by {@code apiKeyId} only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredResponse(String apiKeyId, JsonNode response, JsonNode inputItems, JsonNode conversation) {
}
