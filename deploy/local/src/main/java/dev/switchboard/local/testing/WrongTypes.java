package dev.switchboard.local.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates the "every field of the wrong type" part of a corpus from a route's fields: each field of a valid request
 * is replaced, one at a time, by a value of every JSON kind it does not accept. Each case is named after the route,
 * the field and the kind, so a failure says which.
 */
public final class WrongTypes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON kinds a field may accept; INTEGER is a number without a fraction. */
    public enum Kind {
        STRING("a string", "\"1\""),
        INTEGER("an integer", "1"),
        NUMBER("a fraction", "1.5"),
        BOOLEAN("a boolean", "true"),
        OBJECT("an object", "{\"a\":1}"),
        ARRAY("an array", "[1]");

        private final String description;
        private final String sample;

        Kind(String description, String sample) {
            this.description = description;
            this.sample = sample;
        }
    }

    /**
     * A body field at a JSON pointer ({@code /stream_options/include_usage}), the kinds it accepts, and the
     * {@code error.param} a refusal must name.
     */
    public record Field(String pointer, Set<Kind> accepts, String param) {

        public static Field of(String pointer, String param, Kind first, Kind... more) {
            return new Field(pointer, EnumSet.of(first, more), param);
        }

        /** A top-level field, named by itself. */
        public static Field top(String name, Kind first, Kind... more) {
            return of("/" + name, name, first, more);
        }
    }

    /** A query parameter and the values of the wrong type to try on it. */
    public record Query(String name, List<String> wrongValues) {

        public static Query integer(String name) {
            return new Query(name, List.of("abc", "1.5", "99999999999"));
        }

        public static Query decimal(String name) {
            return new Query(name, List.of("abc", "1e999999", "NaN"));
        }

        public static Query bool(String name) {
            return new Query(name, List.of("maybe", "1"));
        }

        public static Query instant(String name) {
            return new Query(name, List.of("yesterday", "2025-13-45T00:00:00Z"));
        }

        public static Query oneOf(String name) {
            return new Query(name, List.of("nonsense"));
        }
    }

    private WrongTypes() {
    }

    /**
     * For each field, the valid body with that field set to each kind it does not accept, sent by {@code send}. A value
     * of NUMBER kind stands for INTEGER too when the field takes fractions.
     */
    public static List<BadInput> inBody(String route, String validBody, Function<String, HttpCall> send,
            List<Field> fields) {
        List<BadInput> cases = new ArrayList<>();
        for (Field field : fields) {
            for (Kind kind : Kind.values()) {
                if (field.accepts().contains(kind) || kind == Kind.INTEGER && field.accepts().contains(Kind.NUMBER)
                        || kind == Kind.NUMBER && !field.accepts().contains(Kind.INTEGER)) {
                    continue;
                }
                String body = replaced(validBody, field.pointer(), sampleFor(kind, field));
                cases.add(BadInput.of(route + ": " + readable(field.pointer()) + " as " + kind.description,
                        send.apply(body)).param(field.param()));
            }
        }
        return cases;
    }

    /** For each query parameter, the route with that parameter set to each of its wrong values. */
    public static List<BadInput> inQuery(String path, Function<String, HttpCall> send, List<Query> params) {
        List<BadInput> cases = new ArrayList<>();
        for (Query param : params) {
            for (String value : param.wrongValues()) {
                String target = path + (path.contains("?") ? "&" : "?") + param.name() + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8);
                cases.add(BadInput.of("GET " + path + ": " + param.name() + "=" + value, send.apply(target))
                        .param(param.name()));
            }
        }
        return cases;
    }

    /** "/messages/0/content" as "messages[0].content". */
    private static String readable(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (segment.chars().allMatch(Character::isDigit) && path.length() > 0) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    /** A sample of the kind, chosen to be the confusion a caller would make for this field ("true" for a boolean). */
    private static String sampleFor(Kind kind, Field field) {
        if (kind == Kind.STRING && field.accepts().contains(Kind.BOOLEAN)) {
            return "\"true\"";
        }
        return kind.sample;
    }

    /** The body with the value at the pointer replaced (or added to its parent object). */
    public static String replaced(String body, String pointer, String valueJson) {
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = root.at(at.head());
            JsonNode value = MAPPER.readTree(valueJson);
            if (parent instanceof ObjectNode object) {
                object.set(at.last().getMatchingProperty(), value);
            } else if (parent instanceof ArrayNode array) {
                array.set(at.last().getMatchingIndex(), value);
            } else {
                throw new IllegalArgumentException(pointer + " has no parent in " + body);
            }
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + body, e);
        }
    }
}
