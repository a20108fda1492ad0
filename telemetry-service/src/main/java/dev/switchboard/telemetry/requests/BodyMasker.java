package dev.switchboard.telemetry.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Masks secrets and personal data in a body before it is stored: every string value (never a key or a number) is
 * searched for each configured pattern, and each match is replaced by {@code [masked:<name>]}. The body's shape is kept.
 */
@ApplicationScoped
public class BodyMasker {

    private final List<Map.Entry<String, Pattern>> patterns;

    @Inject
    public BodyMasker(RequestLogConfig config) {
        this(config.mask());
    }

    BodyMasker(Map<String, String> patterns) {
        this.patterns = new TreeMap<>(patterns).entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), Pattern.compile(entry.getValue())))
                .toList();
    }

    /** A masked copy of the body; null stays null. */
    public JsonNode mask(JsonNode body) {
        return body == null ? null : masked(body.deepCopy());
    }

    String mask(String text) {
        String result = text;
        for (Map.Entry<String, Pattern> pattern : patterns) {
            Matcher matcher = pattern.getValue().matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(Matcher.quoteReplacement("[masked:" + pattern.getKey() + "]"));
            }
        }
        return result;
    }

    private JsonNode masked(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(mask(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
            });
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, masked(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, masked(array.get(i)));
            }
        }
        return node;
    }
}
