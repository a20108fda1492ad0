package dev.switchboard.contracts;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request and answer of an attempt, carried in its usage event only when the call's request log is {@code full}
 * (see {@link MessageHeaders#REQUEST_LOG}); telemetry masks secrets and personal data before storing them.
 *
 * @param request the request body as the client sent it
 * @param response the answer object, or for a stream the array of its events in order; null when there was none
 */
public record LoggedBodies(JsonNode request, JsonNode response) {

    public LoggedBodies {
        // JSON null reads as a NullNode: one absent value, however it travelled.
        request = request == null || request.isNull() ? null : request;
        response = response == null || response.isNull() ? null : response;
    }
}
