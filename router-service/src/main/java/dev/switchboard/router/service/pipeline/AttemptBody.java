package dev.switchboard.router.service.pipeline;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.Operation;

/**
 * A call's request as one candidate's adapter gets it: the operation and body, and what the front door left out to
 * write them. A door whose dialect a provider speaks natively sends the caller's body as it came; to any other provider
 * it sends a translation, usually to {@link Operation#CHAT}, which every adapter speaks.
 *
 * @param droppedParameters request parameters the translation could not carry (reported with the provider's own in
 *        {@code X-Switchboard-Dropped-Params}); empty when none
 * @param droppedContent conversation content the candidate cannot read and that was stripped, such as another
 *        provider's reasoning and its signatures (reported in {@code X-Switchboard-Dropped}); empty when none
 * @param answer the answer the router gives itself for this candidate, without an adapter; null for a provider call
 */
public record AttemptBody(Operation operation, ObjectNode body, List<String> droppedParameters,
        List<String> droppedContent, ObjectNode answer) {

    public AttemptBody {
        droppedParameters = droppedParameters == null ? List.of() : List.copyOf(droppedParameters);
        droppedContent = droppedContent == null ? List.of() : List.copyOf(droppedContent);
    }

    /** A body for the candidate's adapter. */
    public AttemptBody(Operation operation, ObjectNode body, List<String> droppedParameters, List<String> droppedContent) {
        this(operation, body, droppedParameters, droppedContent, null);
    }

    /**
     * An attempt the router answers itself with {@code answer}, asking no adapter (a stated estimate where the provider
     * has no endpoint of its own); it is still governed, counted and recorded as an attempt.
     */
    public static AttemptBody answeredHere(Operation operation, ObjectNode body, ObjectNode answer) {
        return new AttemptBody(operation, body, List.of(), List.of(), answer);
    }

    /** The body as the caller sent it, nothing left out. */
    public static AttemptBody asSent(Operation operation, ObjectNode body) {
        return new AttemptBody(operation, body, List.of(), List.of());
    }
}
