package dev.switchboard.router.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.switchboard.router.service.pipeline.CallResult;
import dev.switchboard.router.service.pipeline.ResponseCache;

/**
 * The {@code X-Request-Id} and {@code X-Switchboard-*} headers that every front door sends with a call's answer, and
 * those the pipeline's hooks add (governance's cost and rate-limit headers).
 */
public final class CallHeaders {

    /** Conversation content stripped because the provider that answered cannot read it (another's reasoning). */
    public static final String DROPPED = "X-Switchboard-Dropped";

    private static final Pattern NOT_PRINTABLE_ASCII = Pattern.compile("[^\\x20-\\x7E]");

    private CallHeaders() {
    }

    /** The headers of the call's answer, error or not; the door may add its own. */
    public static Map<String, String> of(CallResult result) {
        Map<String, String> headers = new HashMap<>(16);
        headers.put("X-Request-Id", result.requestId());
        headers.put("X-Switchboard-Provider", result.candidate().provider());
        headers.put("X-Switchboard-Model", result.candidate().qualified());
        headers.put("X-Switchboard-Attempts", String.valueOf(result.attempts()));
        headers.put("X-Switchboard-Fallback", String.valueOf(result.fallbacks()));
        headers.put("X-Switchboard-Route", ascii(result.routeReason()));
        if (result.droppedParameters() != null) {
            headers.put("X-Switchboard-Dropped-Params", String.join(",", result.droppedParameters()));
        }
        if (result.droppedContent() != null && !result.droppedContent().isEmpty()) {
            headers.put(DROPPED, String.join(",", result.droppedContent()));
        }
        if (result.cache() != null) {
            headers.put(ResponseCache.HEADER, result.cache());
        }
        Long retryAfter = result.retryAfterSeconds();
        if (retryAfter != null) {
            headers.put("Retry-After", String.valueOf(retryAfter));
        }
        if (result.headers() != null) {
            headers.putAll(result.headers());
        }
        return headers;
    }

    /** Header values must be plain ASCII. */
    private static String ascii(String value) {
        return NOT_PRINTABLE_ASCII.matcher(value).replaceAll("?");
    }
}
