package dev.switchboard.registry.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.switchboard.api.ApiException;
import dev.switchboard.registry.Vocabulary;

/** Checks of request values against the registry's vocabulary; each failure is a 400 naming the parameter. */
public final class RequestChecks {

    /** Four-digit years, well inside what the database's timestamps hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The price columns hold up to 999999.999999 USD per million tokens. */
    public static final BigDecimal PRICE_CEILING = BigDecimal.valueOf(1_000_000);

    private RequestChecks() {
    }

    public static void capabilities(List<String> capabilities, String param) {
        if (capabilities == null) {
            return;
        }
        for (String capability : capabilities) {
            if (capability == null || !Vocabulary.CAPABILITIES.contains(capability)) {
                throw badRequest("unknown capability '" + capability + "'; known: " + String.join(", ",
                        Vocabulary.CAPABILITIES), param);
            }
        }
    }

    public static void oneOf(String value, List<String> allowed, String param) {
        if (value != null && !allowed.contains(value)) {
            throw badRequest(param + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'", param);
        }
    }

    public static void notNegative(BigDecimal value, String param) {
        if (value != null && value.signum() < 0) {
            throw badRequest(param + " must be zero or more", param);
        }
    }

    /** A cost limit, USD per million tokens: zero or more, and below any price the registry can hold. */
    public static void cost(BigDecimal value, String param) {
        notNegative(value, param);
        if (value != null && value.compareTo(PRICE_CEILING) >= 0) {
            throw badRequest(param + " must be below " + PRICE_CEILING.toPlainString() + " (no price is that high)", param);
        }
    }

    public static void notNegative(Long value, String param) {
        if (value != null && value < 0) {
            throw badRequest(param + " must be zero or more", param);
        }
    }

    public static void positive(Integer value, String param) {
        if (value != null && value <= 0) {
            throw badRequest(param + " must be greater than zero", param);
        }
    }

    public static void present(Object value, String param) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw badRequest(param + " is required", param);
        }
    }

    public static void maxLength(String value, int max, String param) {
        if (value != null && value.length() > max) {
            throw badRequest(param + " must be at most " + max + " characters", param);
        }
    }

    public static <T> T body(T body) {
        if (body == null) {
            throw badRequest("the request needs a JSON body", null);
        }
        return body;
    }

    public static Instant instant(String value, String param) {
        try {
            return inRange(Instant.parse(value), param);
        } catch (DateTimeParseException e) {
            throw badRequest(param + " must be an ISO-8601 instant such as 2025-01-31T00:00:00Z, not '" + value + "'",
                    param);
        }
    }

    public static Instant inRange(Instant value, String param) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw badRequest(param + " must be between " + EARLIEST + " and " + LATEST, param);
        }
        return value;
    }

    public static ApiException badRequest(String message, String param) {
        return new ApiException(400, message, param, null);
    }
}
