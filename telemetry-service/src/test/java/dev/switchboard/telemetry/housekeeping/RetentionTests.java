package dev.switchboard.telemetry.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.RowCount;

/**
 * Raw events, request bodies, rollups and resolved alerts are deleted past their retention, and nothing younger is; the
 * warm-up calls' events and bodies past their own, shorter one.
 */
@QuarkusTest
class RetentionTests {

    @Inject
    RetentionJob retention;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void dataPastRetentionIsDeleted() throws SQLException {
        String provider = Event.unique("retention");
        execute("""
                INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, latency_ms)
                VALUES ('old-' || ?, 1, now() - interval '31 days', ?, 'm', 'success', 1),
                       ('new-' || ?, 1, now() - interval '29 days', ?, 'm', 'success', 1)
                """, provider, provider, provider, provider);
        for (String table : new String[] { "usage_rollup_minute", "usage_rollup_hour" }) {
            String age = table.endsWith("minute") ? "8 days" : "401 days";
            execute("INSERT INTO " + table + " SELECT now() - interval '" + age + "', ?, 'm', '', '', '',"
                    + " 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0", provider);
        }
        execute("""
                INSERT INTO alert (rule, kind, severity, status, scope, message, fired_at, resolved_at)
                VALUES ('error-rate', 'error-rate', 'high', 'resolved', ?, 'old', now() - interval '100 days',
                        now() - interval '91 days'),
                       ('error-rate', 'error-rate', 'high', 'firing', ?, 'still firing', now() - interval '100 days', NULL)
                """, provider, provider + "/firing");

        // Bodies are kept 7 days, their attempts' metadata 30.
        execute("""
                INSERT INTO request_body (request_id, attempt, occurred_at, request_body)
                VALUES ('old-' || ?, 1, now() - interval '8 days', '{}'),
                       ('new-' || ?, 1, now() - interval '6 days', '{}')
                """, provider, provider);

        Map<String, Long> deleted = retention.purge(Instant.now());

        assertThat(deleted).hasEntrySatisfying("usage_event", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("request_body", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("usage_rollup_minute", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("usage_rollup_hour", count -> assertThat(count).isPositive())
                .hasEntrySatisfying("alert", count -> assertThat(count).isPositive());
        assertThat(count("SELECT count(*) FROM usage_event WHERE provider = ?", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM usage_rollup_minute WHERE provider = ?", provider)).isZero();
        assertThat(count("SELECT count(*) FROM usage_rollup_hour WHERE provider = ?", provider)).isZero();
        assertThat(count("SELECT count(*) FROM alert WHERE scope LIKE ? || '%'", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'new-' || ?", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'old-' || ?", provider)).isZero();
    }

    @Test
    void warmUpCallsAreDeletedAfterTheirOwnRetentionWithTheirBodies() throws SQLException {
        String provider = Event.unique("warm-up-retention");
        execute("""
                INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, latency_ms, tags)
                VALUES ('warm-old-' || ?, 1, now() - interval '2 hours', ?, 'm', 'success', 1,
                        ARRAY['switchboard-warm-up']),
                       ('warm-new-' || ?, 1, now() - interval '10 minutes', ?, 'm', 'success', 1,
                        ARRAY['switchboard-warm-up']),
                       ('tagged-old-' || ?, 1, now() - interval '2 hours', ?, 'm', 'success', 1,
                        ARRAY['nightly', 'switchboard-warm-up-report'])
                """, provider, provider, provider, provider, provider, provider);
        execute("""
                INSERT INTO request_body (request_id, attempt, occurred_at, request_body)
                VALUES ('warm-old-' || ?, 1, now() - interval '2 hours', '{}'),
                       ('tagged-old-' || ?, 1, now() - interval '2 hours', '{}')
                """, provider, provider);

        Map<String, Long> deleted = retention.purge(Instant.now());

        assertThat(deleted.get("usage_event (warm-up)")).isGreaterThanOrEqualTo(1);
        assertThat(deleted.get("request_body (warm-up)")).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM usage_event WHERE provider = ? AND request_id LIKE 'warm-old-%'",
                provider)).isZero();
        assertThat(count("SELECT count(*) FROM usage_event WHERE provider = ? AND request_id LIKE 'warm-new-%'",
                provider)).as("younger than the warm-up retention").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM usage_event WHERE provider = ? AND request_id LIKE 'tagged-old-%'",
                provider)).as("other tags, even alike, keep the raw retention").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'warm-old-' || ?", provider)).isZero();
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'tagged-old-' || ?", provider))
                .isEqualTo(1);
    }

    @Test
    void theWarmUpDeletionFindsItsEventsThroughTheirOwnIndex() throws SQLException {
        String plan;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT ctid FROM usage_event WHERE "
                        + RetentionJob.WARM_UP + " AND occurred_at < now() - interval '1 hour'")) {
            connection.createStatement().execute("SET enable_seqscan = off");
            try (var rows = explain.executeQuery()) {
                StringBuilder lines = new StringBuilder();
                while (rows.next()) {
                    lines.append(rows.getString(1)).append('\n');
                }
                plan = lines.toString();
            } finally {
                connection.createStatement().execute("RESET enable_seqscan");
            }
        }

        assertThat(plan).contains("usage_event_warm_up");
    }

    private void execute(String sql, String... params) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private long count(String sql, String param) throws SQLException {
        return RowCount.of(dataSource, sql, param);
    }
}
