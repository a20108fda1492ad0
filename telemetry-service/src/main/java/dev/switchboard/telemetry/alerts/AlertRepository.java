package dev.switchboard.telemetry.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.Severity;
import dev.switchboard.telemetry.sql.Sql;

/**
 * Alert history in PostgreSQL. Firing and resolving are single statements that only one caller can win (a partial
 * unique index on firing alerts; a conditional update), so several replicas evaluating the same rules notify once.
 */
@ApplicationScoped
public class AlertRepository {

    private static final String COLUMNS = "id, rule, kind, severity, status, scope, provider, model, message, value, "
            + "threshold, fired_at, resolved_at, resolved_value, resolved_message";
    private static final String FIRE = """
            INSERT INTO alert (rule, kind, severity, status, scope, provider, model, message, value, threshold, fired_at)
            VALUES (?, ?, ?, 'firing', ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rule, scope) WHERE status = 'firing' DO NOTHING
            """ + "RETURNING " + COLUMNS;
    private static final String RESOLVE = """
            UPDATE alert SET status = 'resolved', resolved_at = ?, resolved_value = ?, resolved_message = ?
            WHERE id = ? AND status = 'firing'
            """ + "RETURNING " + COLUMNS;
    private static final String FIRING = "SELECT " + COLUMNS + " FROM alert WHERE status = 'firing' ORDER BY fired_at DESC";
    private static final String HISTORY = "SELECT " + COLUMNS + " FROM alert ORDER BY fired_at DESC, id DESC LIMIT ?";

    private final AgroalDataSource dataSource;

    public AlertRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The new alert, or empty when this rule already fires for this scope. */
    public Optional<Alert> fire(AlertRule rule, Observation observation, Instant at) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(FIRE)) {
            Sql.bind(insert, rule.name(), rule.kind().wireName(), rule.severity().wireName(), observation.scope(),
                    observation.provider(), observation.model(), observation.message(), observation.value(),
                    rule.threshold() == null ? null : rule.threshold(), at);
            return single(insert);
        }
    }

    /** The resolved alert, or empty when it was resolved already. */
    public Optional<Alert> resolve(long id, Instant at, Double value, String message) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(RESOLVE)) {
            Sql.bind(update, at, value, message, id);
            return single(update);
        }
    }

    public List<Alert> firing() throws SQLException {
        return list(FIRING);
    }

    public List<Alert> history(int limit) throws SQLException {
        return list(HISTORY, limit);
    }

    private List<Alert> list(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            Sql.bind(query, params);
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(alert(rows));
                }
            }
            return alerts;
        }
    }

    private static Optional<Alert> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(alert(rows)) : Optional.empty();
        }
    }

    private static Alert alert(ResultSet rows) throws SQLException {
        return new Alert(rows.getLong("id"), rows.getString("rule"),
                AlertKind.of(rows.getString("kind")),
                Severity.of(rows.getString("severity")), rows.getString("status"), rows.getString("scope"),
                rows.getString("provider"), rows.getString("model"), rows.getString("message"),
                rows.getObject("value", Double.class), rows.getObject("threshold", Double.class),
                instant(rows.getTimestamp("fired_at")), instant(rows.getTimestamp("resolved_at")),
                rows.getObject("resolved_value", Double.class), rows.getString("resolved_message"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
