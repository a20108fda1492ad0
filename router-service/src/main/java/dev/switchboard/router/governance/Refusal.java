package dev.switchboard.router.governance;

import dev.switchboard.api.ApiException;

/** A call governance refused, with when to try again for a rate limit (null otherwise). */
final class Refusal extends ApiException {

    final Long retryAfterMs;

    Refusal(int status, String message, String param, String code, Long retryAfterMs) {
        super(status, message, param, code);
        this.retryAfterMs = retryAfterMs;
    }
}
