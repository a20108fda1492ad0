package dev.switchboard.telemetry.attribution;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.switchboard.api.ApiException;

/**
 * What spend is grouped by, with the columns of {@code usage_event} that give a group's id and name. An attempt with
 * several tags counts in each of their groups.
 */
public enum SpendBy {
    OPERATION("operation", "NULL"),
    KEY("api_key_id", "max(key_name)"),
    TEAM("team_id", "max(team_name)"),
    USER("end_user", "NULL"),
    TAG("tag", "NULL");

    private final String idColumn;
    private final String nameColumn;

    SpendBy(String idColumn, String nameColumn) {
        this.idColumn = idColumn;
        this.nameColumn = nameColumn;
    }

    String idColumn() {
        return idColumn;
    }

    String nameColumn() {
        return nameColumn;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping of the {@code by} parameter, or a 400 naming it. */
    public static SpendBy of(String value) {
        for (SpendBy by : values()) {
            if (by.wireName().equals(value)) {
                return by;
            }
        }
        throw new ApiException(400, "by '" + value + "' is not one of "
                + Arrays.stream(values()).map(SpendBy::wireName).collect(Collectors.joining(", ")), "by", null);
    }
}
