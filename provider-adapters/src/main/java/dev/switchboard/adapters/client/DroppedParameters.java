package dev.switchboard.adapters.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.databind.JsonNode;

/** Which OpenAI request parameters a translation left out, and so must report as dropped. */
public final class DroppedParameters {

    /** Fields of the router's own, never sent upstream and never reported. */
    public static final Set<String> GATEWAY_FIELDS = Set.of("models", "route", "transforms", "provider");
    /** OpenAI's defaults: values that ask for nothing, so leaving them out drops nothing. */
    private static final Map<String, Boolean> DEFAULT_FLAGS = Map.of("logprobs", false, "parallel_tool_calls", true,
            "store", false);

    private DroppedParameters() {
    }

    /**
     * The body's fields, in order, that are not handled, not the router's, not null and not set to OpenAI's default;
     * the list is the caller's, to add what it drops while translating.
     */
    public static List<String> unhandled(JsonNode body, Set<String> handled) {
        return unhandled(body, handled,
                (name, value) -> value.isBoolean() && Boolean.valueOf(value.asBoolean()).equals(DEFAULT_FLAGS.get(name)));
    }

    /** As {@link #unhandled(JsonNode, Set)}, with the translator's own rule for values that ask for nothing. */
    public static List<String> unhandled(JsonNode body, Set<String> handled, BiPredicate<String, JsonNode> noOp) {
        List<String> dropped = new ArrayList<>();
        body.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!handled.contains(name) && !GATEWAY_FIELDS.contains(name) && !value.isNull() && !noOp.test(name, value)) {
                dropped.add(name);
            }
        });
        return dropped;
    }
}
