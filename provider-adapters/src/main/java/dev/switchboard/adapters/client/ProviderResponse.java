package dev.switchboard.adapters.client;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A provider's answer in OpenAI form, with the request parameters that had to be dropped to send it. */
public record ProviderResponse(ObjectNode completion, List<String> droppedParameters) {

    public ProviderResponse(ObjectNode completion) {
        this(completion, List.of());
    }
}
