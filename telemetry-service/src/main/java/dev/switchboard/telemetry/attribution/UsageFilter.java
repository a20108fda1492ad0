package dev.switchboard.telemetry.attribution;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;

/**
 * Which attempts a statistic or an export covers by what they were and who they are attributed to: the operation, the
 * key (its id or its name), the team (its id or its name), the end user and a tag; a null field matches every attempt.
 * Read from query parameters of the same names, each checked so that a bad value is a 400 naming it.
 */
public record UsageFilter(Operation operation, String key, String team, String user, String tag) {

    public static final UsageFilter NONE = new UsageFilter(null, null, null, null, null);

    /** The longest key, team, user or tag a usage event can carry (the columns' size). */
    static final int MAX_LENGTH = 255;

    /** The condition over {@code usage_event}'s columns; {@link #parameters()} binds its placeholders, in order. */
    public static final String CONDITION = """
            (?::text IS NULL OR operation = ?) AND (?::text IS NULL OR api_key_id = ? OR key_name = ?)
              AND (?::text IS NULL OR team_id = ? OR team_name = ?) AND (?::text IS NULL OR end_user = ?)
              AND (?::text IS NULL OR ? = ANY (tags))""";

    private static final String OPERATIONS = Arrays.stream(Operation.values()).map(Operation::wireName)
            .collect(Collectors.joining(", "));

    /** The filter of these query parameters' values; blank ones are absent. */
    public static UsageFilter of(String operation, String key, String team, String user, String tag) {
        return new UsageFilter(operation(operation), text("key", key), text("team", team), text("user", user),
                text("tag", tag));
    }

    /** Whether anything is filtered. */
    public boolean any() {
        return operation != null || key != null || team != null || user != null || tag != null;
    }

    /** The values of {@link #CONDITION}'s placeholders, in order. */
    public Object[] parameters() {
        String op = operation == null ? null : operation.wireName();
        return new Object[] { op, op, key, key, key, team, team, team, user, user, tag, tag };
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
