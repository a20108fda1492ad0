package dev.switchboard.registry.service.sync;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the values of one synced entry, and refuses nonsense: a model id the registry could not hold, a window or limit
 * that is not a positive whole number, a negative or absurd price.
 */
final class EntryValues {

    /** No token costs a dollar (and the registry's price column holds up to 999999.999999 per million). */
    private static final BigDecimal MAX_PER_TOKEN = BigDecimal.ONE;
    private static final int MAX_MODEL_ID = 256;
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private EntryValues() {
    }

    static String modelId(String id) {
        if (id == null || id.isBlank()) {
            throw new BadEntry("no model id");
        }
        if (id.length() > MAX_MODEL_ID || WHITESPACE.matcher(id).find()) {
            throw new BadEntry("model id '" + abbreviate(id) + "' is longer than " + MAX_MODEL_ID
                    + " characters or holds spaces");
        }
        return id;
    }

    /** A token count: absent or null is unknown; anything but a positive whole number is nonsense. */
    static Integer tokens(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw new BadEntry(field + " " + abbreviate(value.toString()) + " is not a positive whole number of tokens");
        }
        return value.asInt();
    }

    /**
     * A price per token (a number, or a string holding one, as OpenRouter writes them) in USD per million tokens;
     * absent or null is not stated.
     */
    static BigDecimal perMillion(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal perToken;
        try {
            if (!value.isNumber() && !value.isTextual()) {
                throw new NumberFormatException();
            }
            perToken = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new BadEntry(field + " " + abbreviate(value.toString()) + " is not a number");
        }
        if (perToken.signum() < 0) {
            throw new BadEntry(field + " " + abbreviate(perToken.toString()) + " is a negative price");
        }
        if (perToken.compareTo(MAX_PER_TOKEN) >= 0) {
            throw new BadEntry(field + " " + abbreviate(perToken.toString()) + " USD per token is not a plausible price");
        }
        // Below a millionth of a micro-dollar per token it rounds to nothing; checked first, as rounding a number with
        // an exponent in the millions would take as long as writing it out.
        if (perToken.precision() - perToken.scale() < -12) {
            return BigDecimal.ZERO;
        }
        return perToken.movePointRight(6).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** An optional kind priced at zero while input is not free states no separate price: it is left unstated. */
    static BigDecimal optional(BigDecimal kind, BigDecimal input) {
        return kind != null && kind.signum() == 0 && input != null && input.signum() > 0 ? null : kind;
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
