package dev.switchboard.telemetry.attribution;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;

/**
 * Which attempts a statistic or an export covers by what they were and who they are attributed to: the operation, the
 * key (its id or its name), the team (its id or its name), the end user, a tag and metadata pairs (every one given must
 * be among the request's {@code metadata}); a null field, or no pair, matches every attempt. Read from query parameters
 * of the same names ({@code metadata.<key>=<value>} for each pair), each checked so that a bad value is a 400 naming it.
 */
public record UsageFilter(Operation operation, String key, String team, String user, String tag,
        Map<String, String> metadata) {

    public static final UsageFilter NONE = new UsageFilter(null, null, null, null, null, Map.of());

    /** The longest key, team, user or tag a usage event can carry (the columns' size). */
    static final int MAX_LENGTH = 255;
    /** OpenAI's bounds on a request's {@code metadata}: 16 pairs, keys up to 64 characters, values up to 512. */
    static final int MAX_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;
    /** The query parameters that filter by metadata: {@code metadata.<key>=<value>}. */
    public static final String METADATA_PREFIX = "metadata.";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The condition over {@code usage_event}'s columns; {@link #parameters()} binds its placeholders, in order. */
    public static final String CONDITION = """
            (?::text IS NULL OR operation = ?) AND (?::text IS NULL OR api_key_id = ? OR key_name = ?)
              AND (?::text IS NULL OR team_id = ? OR team_name = ?) AND (?::text IS NULL OR end_user = ?)
              AND (?::text IS NULL OR ? = ANY (tags)) AND (?::jsonb IS NULL OR metadata @> ?::jsonb)""";

    public UsageFilter {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    private static final String OPERATIONS = Arrays.stream(Operation.values()).map(Operation::wireName)
            .collect(Collectors.joining(", "));

    /** The filter of these query parameters' values; blank ones are absent. */
    public static UsageFilter of(String operation, String key, String team, String user, String tag) {
        return new UsageFilter(operation(operation), text("key", key), text("team", team), text("user", user),
                text("tag", tag), Map.of());
    }

    /** This filter, also requiring the metadata pairs named by the {@code metadata.<key>} query parameters. */
    public UsageFilter withMetadata(MultivaluedMap<String, String> query) {
        Map<String, String> pairs = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith(METADATA_PREFIX)) {
                continue;
            }
            String pairKey = name.substring(METADATA_PREFIX.length());
            if (pairKey.isEmpty() || pairKey.length() > MAX_METADATA_KEY || pairKey.chars().anyMatch(Character::isISOControl)) {
                throw new ApiException(400, name + ": a metadata key is 1 to " + MAX_METADATA_KEY
                        + " characters without control characters", name, null);
            }
            if (parameter.getValue().size() != 1) {
                throw new ApiException(400, name + " is given more than once", name, null);
            }
            String value = parameter.getValue().get(0);
            if (value.length() > MAX_METADATA_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw new ApiException(400, name + ": a metadata value is at most " + MAX_METADATA_VALUE
                        + " characters without control characters", name, null);
            }
            pairs.put(pairKey, value);
        }
        if (pairs.size() > MAX_PAIRS) {
            throw new ApiException(400, "at most " + MAX_PAIRS + " metadata pairs filter at once", METADATA_PREFIX
                    + pairs.keySet().iterator().next(), null);
        }
        return new UsageFilter(operation, key, team, user, tag, pairs);
    }

    /** Whether anything is filtered. */
    public boolean any() {
        return operation != null || key != null || team != null || user != null || tag != null || !metadata.isEmpty();
    }

    /** The values of {@link #CONDITION}'s placeholders, in order. */
    public Object[] parameters() {
        String op = operation == null ? null : operation.wireName();
        String pairs = metadata.isEmpty() ? null : json(metadata);
        return new Object[] { op, op, key, key, key, team, team, team, user, user, tag, tag, pairs, pairs };
    }

    private static String json(Map<String, String> pairs) {
        try {
            return JSON.writeValueAsString(pairs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata pairs are strings", e);
        }
    }

    /** {@code before}, then this filter's parameters, then {@code after}: one statement's parameters in order. */
    public Object[] around(Object[] before, Object... after) {
        Object[] own = parameters();
        Object[] all = new Object[before.length + own.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(own, 0, all, before.length, own.length);
        System.arraycopy(after, 0, all, before.length + own.length, after.length);
        return all;
    }

    private static Operation operation(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Operation operation = Operation.of(value);
        if (operation == null) {
            throw new ApiException(400, "operation '" + value + "' is not one of " + OPERATIONS, "operation", null);
        }
        return operation;
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw new ApiException(400, name + " is longer than " + MAX_LENGTH + " characters", name, null);
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, name + " must not contain control characters", name, null);
        }
        return value;
    }
}
