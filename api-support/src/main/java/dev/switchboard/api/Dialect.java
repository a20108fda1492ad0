package dev.switchboard.api;

import dev.switchboard.contracts.ApiError;

/**
 * The API dialect a request speaks, read from its path: Anthropic's Messages API under {@code /v1/messages}, OpenAI's
 * everywhere else. Every error body is written in the dialect of the request it answers.
 */
public enum Dialect {

    OPENAI,
    ANTHROPIC;

    private static final String MESSAGES = "/v1/messages";

    public static Dialect of(String path) {
        if (path != null && path.startsWith(MESSAGES)
                && (path.length() == MESSAGES.length() || path.charAt(MESSAGES.length()) == '/')) {
            return ANTHROPIC;
        }
        return OPENAI;
    }

    /** The error body for this status in this dialect; Anthropic's shape has no {@code param} or {@code code}. */
    public Object errorBody(int status, String message, String param, String code) {
        return switch (this) {
            case OPENAI -> ApiError.of(message, ApiError.typeFor(status), param, code);
            case ANTHROPIC -> AnthropicError.of(AnthropicError.typeFor(status), message);
        };
    }
}
