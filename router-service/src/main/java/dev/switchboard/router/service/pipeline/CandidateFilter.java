package dev.switchboard.router.service.pipeline;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.Candidate;

/**
 * Decides whether a call may try a candidate, asked before each attempt at it; a skipped candidate is passed over with
 * a note in the route. To plug one in, make it a CDI bean; several are asked in {@code @Priority} order, highest first, and the
 * first
 * that skips decides. It runs in the path of every attempt: no blocking.
 */
public interface CandidateFilter {

    /** Why the call must not try this candidate now, or null to let it. */
    default Skip skip(Call call, Candidate candidate) {
        return null;
    }

    /**
     * A reason to pass a candidate over.
     *
     * @param reason a few words for the route note, as in {@code openai/gpt-4o skipped: circuit open}
     * @param refusal what the caller gets when no candidate is left and no provider failed; null for the pipeline's
     *        own 503 {@code no_candidate}
     */
    record Skip(String reason, ApiException refusal) {

        public static Skip because(String reason) {
            return new Skip(reason, null);
        }
    }
}
