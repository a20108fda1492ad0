package dev.switchboard.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The OpenAI error body, {@code {"error":{"message","type","param","code"}}}, which every Switchboard API answers with. */
public record ApiError(Body error) {

    /** The fields of an error; {@code param} and {@code code} are null when they do not apply. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }

    public static ApiError of(String message, String type, String param, String code) {
        return new ApiError(new Body(message, type, param, code));
    }

    /** The OpenAI error {@code type} that goes with an HTTP status. */
    public static String typeFor(int status) {
        return switch (status) {
            case 400, 404, 405, 406, 413, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
