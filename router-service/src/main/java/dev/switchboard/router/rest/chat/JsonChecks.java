package dev.switchboard.router.rest.chat;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.api.ApiException;

/** Type checks of a call's JSON values; a wrong one is a 400 in OpenAI's words, naming the field as OpenAI does. */
final class JsonChecks {

    /** A JSON kind a field may take. */
    enum Kind {
        STRING("a string", JsonNode::isTextual),
        INTEGER("an integer", JsonNode::isIntegralNumber),
        NUMBER("a number", JsonNode::isNumber),
        BOOLEAN("a boolean", JsonNode::isBoolean),
        OBJECT("an object", JsonNode::isObject),
        ARRAY("an array", JsonNode::isArray);

        private final String description;
        private final Predicate<JsonNode> test;

        Kind(String description, Predicate<JsonNode> test) {
            this.description = description;
            this.test = test;
        }
    }

    private JsonChecks() {
    }

    /** Whether the value is there; null counts as absent, as OpenAI reads it. */
    static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    /** False when the value is absent; true when it is of one of the kinds; a 400 otherwise. */
    static boolean typed(JsonNode value, String param, Kind... kinds) {
        if (!present(value)) {
            return false;
        }
        for (Kind kind : kinds) {
            if (kind.test.test(value)) {
                return true;
            }
        }
        throw invalid("Invalid type for '" + param + "': expected " + Arrays.stream(kinds)
                .map(kind -> kind.description).collect(Collectors.joining(" or ")) + ", but got " + describe(value)
                + " instead.", param);
    }

    /** A value that must be there, of one of the kinds. */
    static void required(JsonNode value, String param, Kind... kinds) {
        if (!typed(value, param, kinds)) {
            throw invalid("Missing required parameter: '" + param + "'.", param);
        }
    }

    /** A string that must be there and hold more than spaces. */
    static void requiredText(JsonNode value, String param) {
        required(value, param, Kind.STRING);
        if (value.asText().isBlank()) {
            throw invalid("Invalid value for '" + param + "': it must not be empty.", param);
        }
    }

    /** A string, if given, that must be one of the values. */
    static void oneOf(JsonNode value, String param, java.util.Collection<String> values) {
        if (typed(value, param, Kind.STRING) && !values.contains(value.asText())) {
            throw invalid("Invalid value for '" + param + "': '" + value.asText() + "'. Supported values are: "
                    + values.stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(", ")) + ".", param);
        }
    }

    static ApiException invalid(String message, String param) {
        return new ApiException(400, message, param, null);
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a decimal";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isArray() ? "an array" : "an object";
    }
}
