package dev.switchboard.router;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated chat completion call: the client's body as sent, and the plan of models to try. */
public record ChatRequest(ObjectNode body, Plan plan) {

    public boolean streamed() {
        return body.path("stream").asBoolean(false);
    }
}
