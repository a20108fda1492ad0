package dev.switchboard.registry.responses;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored response as the router writes and reads it.
 *
 * @param apiKeyId the short hash of the key that made it, the only key that may read it
 * @param response the {@code response} object as the caller got it
 * @param inputItems the input items of its request, as {@code GET /v1/responses/{id}/input_items} lists them
 * @param conversation every item up to and including its output, which a continuation sends before its own input
 */
public record StoredResponseBody(@NotBlank String apiKeyId, @NotNull JsonNode response, @NotNull JsonNode inputItems,
        @NotNull JsonNode conversation) {
}
