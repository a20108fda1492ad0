package dev.switchboard.router.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import dev.switchboard.api.ApiException;

/** A route under {@code /v1/messages} for the tests, so the Anthropic dialect of refusals can be checked. */
@Path("/v1/messages/auth-probe")
public class MessagesProbeResource {

    @POST
    public String probe(String body) {
        if (body.isBlank()) {
            throw new ApiException(400, "the body is empty", null, null);
        }
        return "{}";
    }
}
