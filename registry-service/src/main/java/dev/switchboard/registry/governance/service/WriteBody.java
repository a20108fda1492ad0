package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.BudgetPeriod;
import dev.switchboard.registry.service.RequestChecks;

/**
 * The JSON body of a team or key write, read field by field: a field that is absent stays as it was, a field set to
 * null is cleared, and every wrong value, or a field the route does not know, is a 400 naming it.
 */
final class WriteBody {

    static final int MAX_NAME = 128;
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;
    static final int MAX_MODELS = 256;
    /** The budget column holds twelve digits before the point and six after. */
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000000");
    static final long MAX_RPM = 1_000_000_000L;
    static final long MAX_TPM = 1_000_000_000_000_000L;
    static final long MAX_PARALLEL = 1_000_000L;

    private final ObjectNode body;

    private WriteBody(ObjectNode body) {
        this.body = body;
    }

    static WriteBody of(JsonNode json, Set<String> known) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw RequestChecks.badRequest("the request needs a JSON body", null);
        }
        if (!json.isObject()) {
            throw RequestChecks.badRequest("the body must be a JSON object", null);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw RequestChecks.badRequest("unknown field '" + name + "'; known: " + String.join(", ", known), name);
            }
        }
        return new WriteBody((ObjectNode) json);
    }

    boolean has(String field) {
        return body.has(field);
    }

    private JsonNode value(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A required name: non-blank, at most {@link #MAX_NAME} characters, no control characters. */
    String name(String field) {
        JsonNode value = value(field);
        if (value == null) {
            throw RequestChecks.badRequest(field + " is required", field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw RequestChecks.badRequest(field + " must be a non-empty string", field);
        }
        String name = value.asText();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl) || !name.equals(name.strip())) {
            throw RequestChecks.badRequest(field + " must be at most " + MAX_NAME
                    + " characters, without control characters or surrounding spaces", field);
        }
        return name;
    }

    String text(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw RequestChecks.badRequest(field + " must be a non-empty string", field);
        }
        return value.asText();
    }

    BigDecimal budget(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw RequestChecks.badRequest(field + " must be a number of US dollars", field);
        }
        BigDecimal budget = value.decimalValue();
        if (budget.signum() < 0) {
            throw RequestChecks.badRequest(field + " must be zero or more", field);
        }
        if (budget.compareTo(MAX_BUDGET) >= 0) {
            throw RequestChecks.badRequest(field + " must be below " + MAX_BUDGET.toPlainString(), field);
        }
        if (budget.stripTrailingZeros().scale() > 6) {
            throw RequestChecks.badRequest(field + " has more than 6 decimal places", field);
        }
        return budget;
    }

    /** The period named, or {@code total} when the field is absent or null. */
    String period(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return BudgetPeriod.TOTAL.wireName();
        }
        BudgetPeriod period = value.isTextual() ? BudgetPeriod.of(value.asText()) : null;
        if (period == null) {
            throw RequestChecks.badRequest(field + " must be one of daily, weekly, monthly, total", field);
        }
        return period.wireName();
    }

    Long positive(String field, long max) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1 || value.asLong() > max) {
            throw RequestChecks.badRequest(field + " must be a whole number from 1 to " + max + " (null for no limit)",
                    field);
        }
        return value.asLong();
    }

    Instant futureInstant(String field, Instant now) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = value.isTextual() ? RequestChecks.inRange(Instant.parse(value.asText()), field) : null;
        } catch (DateTimeParseException e) {
            instant = null;
        }
        if (instant == null) {
            throw RequestChecks.badRequest(field + " must be an ISO-8601 instant such as 2030-01-31T00:00:00Z", field);
        }
        if (!instant.isAfter(now)) {
            throw RequestChecks.badRequest(field + " must be in the future", field);
        }
        return instant;
    }

    /** A list of distinct non-blank strings, in the order given; empty when absent or null. */
    List<String> strings(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_MODELS) {
            throw RequestChecks.badRequest(field + " must be an array of at most " + MAX_MODELS + " strings", field);
        }
        Set<String> strings = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw RequestChecks.badRequest(field + "[" + i + "] must be a non-empty string", field + "[" + i + "]");
            }
            strings.add(item.asText().strip());
        }
        return new ArrayList<>(strings);
    }

    /** String pairs, as OpenAI's {@code metadata}: at most 16, keys up to 64 and values up to 512 characters. */
    Map<String, String> metadata(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!value.isObject() || value.size() > MAX_METADATA_PAIRS) {
            throw RequestChecks.badRequest(field + " must be an object of at most " + MAX_METADATA_PAIRS
                    + " string pairs", field);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> pair = it.next();
            String at = field + "." + pair.getKey();
            if (pair.getKey().isEmpty() || pair.getKey().length() > MAX_METADATA_KEY) {
                throw RequestChecks.badRequest(field + " keys must be 1 to " + MAX_METADATA_KEY + " characters", at);
            }
            if (!pair.getValue().isTextual() || pair.getValue().asText().length() > MAX_METADATA_VALUE) {
                throw RequestChecks.badRequest(at + " must be a string of at most " + MAX_METADATA_VALUE + " characters",
                        at);
            }
            pairs.put(pair.getKey(), pair.getValue().asText());
        }
        return pairs;
    }
}
