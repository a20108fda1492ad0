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

/** Raw events, request bodies, rollups and resolved alerts are deleted past their retention, and nothing younger is. */
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

        assertThat(deleted).allSatisfy((table, count) -> assertThat(count).as(table).isGreaterThanOrEqualTo(1));
        assertThat(count("SELECT count(*) FROM usage_event WHERE provider = ?", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM usage_rollup_minute WHERE provider = ?", provider)).isZero();
        assertThat(count("SELECT count(*) FROM usage_rollup_hour WHERE provider = ?", provider)).isZero();
        assertThat(count("SELECT count(*) FROM alert WHERE scope LIKE ? || '%'", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'new-' || ?", provider)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM request_body WHERE request_id = 'old-' || ?", provider)).isZero();
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
