package dev.switchboard.telemetry.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Binds parameters in order, with the SQL types the queries expect; a null binds as an untyped NULL. */
public final class Sql {

    /** A UTC-aligned bucket of {@code occurred_at}, for minute, hour or day, whatever the session's time zone. */
    public static String bucketOf(String column, String unit) {
        return "(date_trunc('" + unit + "', " + column + " AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')";
    }

    private Sql() {
    }

    /** Binds a nullable count or duration as a BIGINT. */
    public static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    public static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Double number) {
                statement.setDouble(i + 1, number);
            } else if (value instanceof BigDecimal number) {
                statement.setBigDecimal(i + 1, number);
            } else {
                throw new IllegalArgumentException("cannot bind " + value.getClass());
            }
        }
    }
}
