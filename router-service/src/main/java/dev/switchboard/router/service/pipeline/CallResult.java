package dev.switchboard.router.service.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.Candidate;

/**
 * What a call came to, in no dialect: exactly one of its plain answer, its stream of replies, or the failure to answer
 * with; and what the call went through, which the front door turns into its headers.
 *
 * @param candidate the model that answered (or was tried last)
 * @param attempts the attempts sent; 0 for an answer from the cache
 * @param fallbacks how many candidates were passed over
 * @param routeReason what was chosen and why, as in {@code X-Switchboard-Route}
 * @param droppedParameters request parameters the provider, or the door's translation for it, could not honour; null
 *        when none
 * @param cache {@code hit} or {@code miss} when the cache took part, else null
 * @param answer the operation's answer object (such as a {@code chat.completion}); the door may change it
 * @param stream the replies of a streamed answer from its first on, each a stream event, then one with {@code last}
 *        (or with the error that broke the stream); it fails with an {@link ApiException} when the deadline passes
 * @param failure why the call got no answer: the status, message and code the caller is to get
 * @param headers what the {@link CallHook}s add to the answer's headers
 * @param operation the operation whose shape {@code answer} and {@code stream} have: the one the answering attempt was
 *        sent as ({@link AttemptBody#operation()}), which is the call's own unless the door translated for that
 *        candidate
 * @param droppedContent conversation content stripped for the candidate ({@link AttemptBody#droppedContent()}); empty
 *        when none
 * @param answeredHere whether the router answered the answering attempt itself, asking no adapter
 *        ({@link AttemptBody#answer()}, such as a token count's stated estimate)
 */
public record CallResult(
        String requestId,
        Candidate candidate,
        int attempts,
        int fallbacks,
        String routeReason,
        List<String> droppedParameters,
        String cache,
        ObjectNode answer,
        Multi<CompletionReply> stream,
        ApiException failure,
        Map<String, String> headers,
        Operation operation,
        List<String> droppedContent,
        boolean answeredHere) {

    public static final String CACHE_HIT = "hit";
    public static final String CACHE_MISS = "miss";

    static CallResult answered(Call call, CompletionReply reply, String cache, Map<String, String> headers) {
        AttemptBody sent = sentBody(call);
        return new CallResult(call.requestId(), call.candidate(), call.attempts(), call.fallbacks(), call.routeReason(),
                dropped(sent, reply.droppedParameters()), cache, reply.completion(), null, null, headers, sent.operation(),
                sent.droppedContent(), sent.answer() != null);
    }

    static CallResult streaming(Call call, List<String> dropped, Multi<CompletionReply> stream,
            Map<String, String> headers) {
        AttemptBody sent = sentBody(call);
        return new CallResult(call.requestId(), call.candidate(), call.attempts(), call.fallbacks(), call.routeReason(),
                dropped(sent, dropped), null, null, stream, null, headers, sent.operation(), sent.droppedContent(), false);
    }

    static CallResult cached(Call call, Candidate answeredBy, ObjectNode answer, Operation operation,
            Map<String, String> headers) {
        return new CallResult(call.requestId(), answeredBy, 0, 0, "cache hit", null, CACHE_HIT, answer, null, null, headers,
                operation, List.of(), false);
    }

    static CallResult failed(Call call, ApiException failure, Map<String, String> headers) {
        AttemptBody sent = sentBody(call);
        return new CallResult(call.requestId(), call.candidate(), call.attempts(), call.fallbacks(), call.routeReason(),
                null, null, null, null, failure, headers, sent.operation(), sent.droppedContent(), false);
    }

    public boolean failed() {
        return failure != null;
    }

    public boolean streamed() {
        return stream != null;
    }

    /** Whole seconds the caller should wait before trying again, when the provider said; null otherwise. */
    public Long retryAfterSeconds() {
        if (failure instanceof ProviderFailure provider && provider.error().retryAfterMs() != null) {
            return Math.max(1, (provider.error().retryAfterMs() + 999) / 1000);
        }
        return null;
    }

    private static AttemptBody sentBody(Call call) {
        return call.sentBody != null ? call.sentBody
                : AttemptBody.asSent(call.request().operation(), call.request().body());
    }

    /** The door's translation's dropped parameters, then the provider's; null when there are none. */
    private static List<String> dropped(AttemptBody sent, List<String> byProvider) {
        if (sent.droppedParameters().isEmpty()) {
            return byProvider;
        }
        List<String> all = new ArrayList<>(sent.droppedParameters());
        if (byProvider != null) {
            byProvider.stream().filter(name -> !all.contains(name)).forEach(all::add);
        }
        return all;
    }
}
