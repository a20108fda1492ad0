package dev.switchboard.adapters.client;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A provider's answer in the shape of the request's operation (a {@code chat.completion} unless the provider answered
 * natively), with the request parameters that had to be dropped to send it and the tokens it cost.
 */
public record ProviderResponse(ObjectNode completion, List<String> droppedParameters, TokenUsage tokens) {

    /** A {@code chat.completion}, whose {@code usage} says what it cost. */
    public ProviderResponse(ObjectNode completion, List<String> droppedParameters) {
        this(completion, droppedParameters, TokenUsage.of(completion.get("usage")));
    }

    public ProviderResponse(ObjectNode completion) {
        this(completion, List.of());
    }
}
