package dev.switchboard.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A failed provider call: its class, the provider's HTTP status (0 when none) and a key-free message.
 *
 * @param providerBody the provider's error body as it sent it, set only when the provider speaks the caller's dialect
 *        natively, so the router can hand it on unmodified (Anthropic's errors to an Anthropic caller); null otherwise
 */
public record ReplyError(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) String providerBody) {

    public ReplyError(ErrorClass errorClass, int providerStatus, String message, Long retryAfterMs) {
        this(errorClass, providerStatus, message, retryAfterMs, null);
    }
}
