package dev.switchboard.api;

/** Anthropic's error body, {@code {"type":"error","error":{"type","message"}}}, answered on {@code /v1/messages}. */
public record AnthropicError(String type, Body error) {

    /** The error's own type and message. */
    public record Body(String type, String message) {
    }

    public static AnthropicError of(String type, String message) {
        return new AnthropicError("error", new Body(type, message));
    }

    /** Anthropic's error {@code type} for an HTTP status, as its API documents them. */
    public static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
