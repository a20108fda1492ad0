package dev.switchboard.adapters.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.MultiMap;

import dev.switchboard.contracts.ErrorClass;

/**
 * Classifies a provider's HTTP error once, for every protocol: the status first, then the provider's error body for
 * the cases a status cannot tell apart (context length, content filter, unknown model).
 */
@ApplicationScoped
public class ErrorClassifier {

    private static final int MAX_MESSAGE = 500;
    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context_length_exceeded|maximum context length|context window|context length|prompt is too long|too many tokens"
                    + "|exceeds the maximum number of tokens|input token count|reduce the length",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_FILTER = Pattern.compile(
            "content_filter|content management policy|responsibleaipolicyviolation|content_policy_violation",
            Pattern.CASE_INSENSITIVE);
    /** Provider answers that blame the gateway's key or account while using a 400 (Gemini does). */
    private static final Pattern GATEWAY_ACCOUNT = Pattern.compile("API_KEY_INVALID|API key not valid|FAILED_PRECONDITION");
    /** Gemini names its safety blocks in capitals; a lower-case "safety" elsewhere is too common to mean a block. */
    private static final Pattern SAFETY_BLOCK = Pattern.compile("\\bSAFETY\\b|PROHIBITED_CONTENT");
    private static final Pattern MODEL_NOT_FOUND = Pattern.compile(
            "model_not_found|model .*(not found|does not exist)|invalid model|unknown model|no such model",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GEMINI_RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");

    private final ObjectMapper mapper;

    public ErrorClassifier(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ProviderException classify(String provider, int status, MultiMap headers, String body) {
        String detail = Secrets.redact(message(body));
        String message = provider + " answered " + status + (detail.isEmpty() ? "" : ": " + detail);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        ErrorClass errorClass = errorClass(status, body == null ? "" : body);
        Long retryAfter = errorClass == ErrorClass.RATE_LIMITED || errorClass == ErrorClass.OVERLOADED
                ? retryAfterMs(headers, body)
                : null;
        return new ProviderException(errorClass, status, message, retryAfter, body);
    }

    static ErrorClass errorClass(int status, String body) {
        if (status == 429) {
            return ErrorClass.RATE_LIMITED;
        }
        if (status == 503 || status == 529) {
            return ErrorClass.OVERLOADED;
        }
        if (status == 408 || status == 504) {
            return ErrorClass.TIMEOUT;
        }
        if (status >= 500) {
            return ErrorClass.SERVER_ERROR;
        }
        if (status == 401 || status == 403 || status == 402 || GATEWAY_ACCOUNT.matcher(body).find()) {
            // 402 is a billing problem of the gateway's account: like a bad key, another provider may still serve.
            return ErrorClass.AUTH;
        }
        if (CONTEXT_LENGTH.matcher(body).find()) {
            return ErrorClass.CONTEXT_LENGTH;
        }
        if (CONTENT_FILTER.matcher(body).find() || SAFETY_BLOCK.matcher(body).find()) {
            return ErrorClass.CONTENT_FILTER;
        }
        if (status == 404 || MODEL_NOT_FOUND.matcher(body).find()) {
            return ErrorClass.MODEL_NOT_FOUND;
        }
        return ErrorClass.BAD_REQUEST;
    }

    /** Milliseconds to wait, from {@code retry-after-ms}, {@code retry-after} (seconds or a date) or Gemini's RetryInfo. */
    static Long retryAfterMs(MultiMap headers, String body) {
        String millis = headers == null ? null : headers.get("retry-after-ms");
        if (millis != null) {
            try {
                return (long) Double.parseDouble(millis.trim());
            } catch (NumberFormatException e) {
                // Fall through to the other forms.
            }
        }
        String after = headers == null ? null : headers.get("retry-after");
        if (after != null) {
            try {
                return (long) (Double.parseDouble(after.trim()) * 1000);
            } catch (NumberFormatException e) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(after.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
                } catch (DateTimeParseException ignored) {
                    // Unreadable: no hint.
                }
            }
        }
        if (body != null) {
            Matcher delay = GEMINI_RETRY_DELAY.matcher(body);
            if (delay.find()) {
                return (long) (Double.parseDouble(delay.group(1)) * 1000);
            }
        }
        return null;
    }

    /** The human-readable message in any provider's error body, or the body itself when it is not JSON. */
    String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = mapper.readTree(body);
            JsonNode error = json.path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
            if (json.path("message").isTextual()) {
                return json.path("message").asText();
            }
            if (json.isArray() && json.size() > 0) {
                return message(json.get(0).toString());
            }
        } catch (Exception e) {
            // Not JSON: use the text.
        }
        return body.strip().toLowerCase(Locale.ROOT).startsWith("<") ? "" : body.strip();
    }
}
