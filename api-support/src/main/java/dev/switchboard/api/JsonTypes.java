package dev.switchboard.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;

/** Describes JSON read errors in a caller's terms: the JSON kind a field takes, and where a duplicate key was. */
final class JsonTypes {

    private JsonTypes() {
    }

    /** ": expected an integer" for the Java type a field is read into, or nothing when unknown. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        String kind;
        if (type == String.class || type.isEnum()) {
            kind = "a string";
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            kind = "an integer";
        } else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            kind = "a number";
        } else if (type == Boolean.class || type == boolean.class) {
            kind = "a boolean";
        } else if (type == Instant.class) {
            kind = "an ISO-8601 instant such as \"2025-01-31T00:00:00Z\"";
        } else if (type == LocalDate.class) {
            kind = "a date such as \"2025-01-31\"";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            kind = "an array";
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            kind = "an object";
        } else {
            return "";
        }
        return ": expected " + kind;
    }

    /** Jackson's own words, without the names of its classes. */
    static String detail(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll(", from `[^`]*`", "").replace("`", "'");
    }

    /** "messages[0].role" when the error is a duplicate key there, else null. */
    static String duplicateKey(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith("Duplicate field")) {
            return null;
        }
        Deque<String> path = new ArrayDeque<>();
        for (JsonStreamContext at = parser.getParsingContext(); at != null && !at.inRoot(); at = at.getParent()) {
            path.push(at.inArray() ? "[" + at.getCurrentIndex() + "]" : "." + at.getCurrentName());
        }
        String param = String.join("", path);
        return param.startsWith(".") ? param.substring(1) : param.isEmpty() ? null : param;
    }
}
