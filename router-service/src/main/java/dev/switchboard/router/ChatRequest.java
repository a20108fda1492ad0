package dev.switchboard.router;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated chat completion call: the client's body as sent, and the provider and model it resolved to. */
public record ChatRequest(ObjectNode body, String provider, String model) {

    /** The name the client sees for the model, {@code provider/model}. */
    public String qualifiedModel() {
        return provider + "/" + model;
    }
}
