package dev.switchboard.router.service.pipeline;

import java.util.Map;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.router.Candidate;

/**
 * Sees every call through the pipeline, around the whole call and around each attempt, in every dialect. To plug one
 * in, make it a CDI bean ({@code @Singleton}; several run in {@code @Priority} order, highest first); a method left out
 * does
 * nothing. Every method runs on the call's own thread, in the path of every call: no blocking, and nothing the call
 * does not need. State of a hook's own for one call goes on the call ({@link Call#attach}).
 */
public interface CallHook {

    /**
     * Before the cache and the first attempt. Throw an {@link dev.switchboard.api.ApiException} to refuse the call: its
     * caller gets that error in its dialect, and no attempt is made.
     */
    default void beforeCall(Call call) {
    }

    /**
     * Before an attempt is sent (also before its circuit breaker is asked); its number is {@link Call#attempts()}. A hook
     * may add Kafka record headers for it with {@link Call#recordHeader}.
     */
    default void beforeAttempt(Call call, Candidate candidate) {
    }

    /**
     * After an attempt got its first reply ({@code failure} null) or failed ({@code reply} null); {@code latencyMs}
     * from its send. The attempt's number is {@link Call#attempts()}.
     */
    default void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
    }

    /**
     * A reply of a stream that carries usage, or that ends it ({@code last}), before the door writes it: the hook may read
     * what the attempt used ({@link CompletionReply#tokens}) and add to the chunk's {@code usage}.
     */
    default void streamReply(Call call, CompletionReply reply) {
    }

    /**
     * The headers of the call's answer, which the hook may add to: for a plain answer or a failure ({@code failure}, else
     * null) after {@link #afterCall}, for a stream before its first event is written.
     */
    default void answerHeaders(Call call, ApiException failure, Map<String, String> headers) {
    }

    /**
     * Once per call, when it is over: its answer given (a stream's last event passed on), its failure answered, or its
     * caller gone ({@link Outcome#CANCELLED}). It also follows a refusal by any hook's {@link #beforeCall}, so undo only
     * what this hook's own {@code beforeCall} did.
     */
    default void afterCall(Call call, Outcome outcome, Throwable failure) {
    }
}
