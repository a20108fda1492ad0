package dev.switchboard.router.service.pipeline;

import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.Caller;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.Plan;

/**
 * A call as a front door hands it to the {@link CallPipeline}: what is asked and in which dialect, the body as read
 * once, who asks, and the models to try.
 *
 * @param streamed whether the caller asked for a streamed answer
 * @param cacheMode the caller's {@code X-Switchboard-Cache} header ({@code use}, {@code bypass}), or null
 * @param forwardHeaders caller headers the adapter passes to the provider unchanged; null when there are none
 * @param bodies what each candidate's adapter gets, when that depends on the candidate (a provider that speaks the
 *        caller's dialect natively gets the body as sent, others a translation); null when every candidate gets
 *        {@code operation} and {@code body}
 */
public record CallRequest(
        Operation operation,
        Dialect dialect,
        ObjectNode body,
        boolean streamed,
        Plan plan,
        Caller caller,
        String cacheMode,
        Map<String, String> forwardHeaders,
        Function<Candidate, AttemptBody> bodies) {

    /** A call whose every candidate gets the operation and body as they are. */
    public CallRequest(Operation operation, Dialect dialect, ObjectNode body, boolean streamed, Plan plan, Caller caller,
            String cacheMode, Map<String, String> forwardHeaders) {
        this(operation, dialect, body, streamed, plan, caller, cacheMode, forwardHeaders, null);
    }

    /**
     * What this candidate's adapter is to get.
     *
     * @throws dev.switchboard.api.ApiException when the door cannot write this call for this candidate, which is then
     *         passed over
     */
    public AttemptBody bodyFor(Candidate candidate) {
        return bodies == null ? AttemptBody.asSent(operation, body) : bodies.apply(candidate);
    }
}
