package dev.switchboard.telemetry.housekeeping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.telemetry.config.TelemetryConfig;
import dev.switchboard.telemetry.sql.Sql;

/**
 * Deletes raw events, the request log's bodies, rollups and resolved alerts past their retention (the warm-up calls' events
 * and bodies past a retention of their own), in batches so that no lock is held long.
 */
@ApplicationScoped
public class RetentionJob {

    private static final int BATCH = 10_000;
    private static final String DELETE = "DELETE FROM %1$s WHERE ctid IN (SELECT ctid FROM %1$s WHERE %2$s < ? LIMIT "
            + BATCH + ")";
    /** As the partial index {@code usage_event_warm_up} states it, so that the planner uses that index (a test checks). */
    static final String WARM_UP = "tags @> ARRAY['" + Attribution.WARM_UP_TAG + "']";
    private static final String DELETE_WARM_UP_BODIES = "DELETE FROM request_body WHERE ctid IN (SELECT b.ctid FROM "
            + "request_body b JOIN usage_event e ON e.request_id = b.request_id AND e.attempt = b.attempt WHERE e."
            + WARM_UP + " AND e.occurred_at < ? LIMIT " + BATCH + ")";

    private final AgroalDataSource dataSource;
    private final TelemetryConfig.Retention retention;

    public RetentionJob(AgroalDataSource dataSource, TelemetryConfig config) {
        this.dataSource = dataSource;
        this.retention = config.retention();
    }

    @Scheduled(every = "{switchboard.telemetry.retention.check-every}", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        Map<String, Long> deleted = purge(Instant.now());
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            Log.infof("Retention deleted %s", deleted);
        }
    }

    /** Deletes what is past retention as of {@code now}; returns the rows deleted per table. */
    public Map<String, Long> purge(Instant now) throws SQLException {
        Map<String, Long> deleted = new LinkedHashMap<>();
        Instant warmUp = now.minus(retention.warmUp());
        deleted.put("request_body (warm-up)", delete(DELETE_WARM_UP_BODIES, warmUp));
        deleted.put("usage_event (warm-up)", delete(DELETE.formatted("usage_event", WARM_UP + " AND occurred_at"), warmUp));
        deleted.put("usage_event", delete("usage_event", "occurred_at", now.minus(retention.raw())));
        deleted.put("request_body", delete("request_body", "occurred_at", now.minus(retention.requestBodies())));
        deleted.put("usage_rollup_minute", delete("usage_rollup_minute", "bucket_start", now.minus(retention.minuteRollups())));
        deleted.put("usage_rollup_hour", delete("usage_rollup_hour", "bucket_start", now.minus(retention.hourRollups())));
        deleted.put("alert", delete("alert", "CASE WHEN status = 'resolved' THEN resolved_at END",
                now.minus(retention.alerts())));
        return deleted;
    }

    private long delete(String table, String column, Instant before) throws SQLException {
        return delete(DELETE.formatted(table, column), before);
    }

    /** Runs the batch delete, whose one parameter is the instant before which rows go, until a batch is not full. */
    private long delete(String sql, Instant before) throws SQLException {
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            int count;
            do {
                Sql.bind(delete, before);
                count = delete.executeUpdate();
                total += count;
            } while (count == BATCH);
        }
        return total;
    }
}
