package dev.switchboard.router.service.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.quarkus.arc.All;
import io.quarkus.logging.Log;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.router.Candidate;

/**
 * The {@link CallHook}s in force, called in order. Only {@code beforeCall} may stop a call; a hook that fails after an
 * attempt or a call is logged, and the call goes on.
 */
@Singleton
class CallHooks {

    private final CallHook[] hooks;

    CallHooks(@All List<CallHook> hooks) {
        this.hooks = hooks.toArray(CallHook[]::new);
    }

    void beforeCall(Call call) {
        for (CallHook hook : hooks) {
            hook.beforeCall(call);
        }
    }

    void beforeAttempt(Call call, Candidate candidate) {
        for (CallHook hook : hooks) {
            try {
                hook.beforeAttempt(call, candidate);
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed before attempt %d of %s", hook.getClass().getSimpleName(), call.attempts(),
                        call.requestId());
            }
        }
    }

    void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
        for (CallHook hook : hooks) {
            try {
                hook.afterAttempt(call, candidate, reply, failure, latencyMs);
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed after attempt %d of %s", hook.getClass().getSimpleName(), call.attempts(),
                        call.requestId());
            }
        }
    }

    void streamReply(Call call, CompletionReply reply) {
        for (CallHook hook : hooks) {
            try {
                hook.streamReply(call, reply);
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed on a stream reply of %s", hook.getClass().getSimpleName(), call.requestId());
            }
        }
    }

    /** The headers hooks add to the call's answer. */
    Map<String, String> answerHeaders(Call call, ApiException failure) {
        Map<String, String> headers = new HashMap<>(8);
        for (CallHook hook : hooks) {
            try {
                hook.answerHeaders(call, failure, headers);
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed on the headers of %s", hook.getClass().getSimpleName(), call.requestId());
            }
        }
        return headers;
    }

    /** Runs once per call, whichever way it ends first. */
    void afterCall(Call call, Outcome outcome, Throwable failure) {
        synchronized (call) {
            if (call.ended) {
                return;
            }
            call.ended = true;
        }
        for (CallHook hook : hooks) {
            try {
                hook.afterCall(call, outcome, failure);
            } catch (RuntimeException e) {
                Log.errorf(e, "%s failed after call %s", hook.getClass().getSimpleName(), call.requestId());
            }
        }
    }
}
