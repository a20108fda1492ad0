package dev.switchboard.telemetry.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.requests.RequestBodies;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.stats.RollupDelta;
import dev.switchboard.telemetry.stats.RollupWriter;

/**
 * Stores events once per (request id, attempt) and, in the same transaction and only for rows that were new, adds them
 * to the minute and hour rollups and stores the request log's bodies they carry: a redelivered event changes nothing.
 * An event whose call's request log is {@code off} is stored and counted like any other, marked to stay out of the log.
 */
@ApplicationScoped
public class UsageStore {

    private static final String INSERT = """
            INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, error_class, error_message,
                                     latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens,
                                     reasoning_tokens, cache_write_tokens, cache_write_1h_tokens, api_key_id,
                                     cache_hit, fallback, route_policy, route_task, cost_usd, price_source,
                                     price_effective_from, unpriced_reason, trace_id, router_ms, to_adapter_ms,
                                     connect_ms, first_token_ms, last_token_ms, back_ms, key_name, team_id, end_user,
                                     tags, operation, team_name, metadata, in_request_log)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?::jsonb, ?)
            ON CONFLICT (request_id, attempt) DO NOTHING
            """;

    private final AgroalDataSource dataSource;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    public UsageStore(AgroalDataSource dataSource, RequestBodies bodies, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    /**
     * Stores a batch in one transaction: events not stored before are inserted and added to the rollups; the result
     * says, per event in order, whether it was new.
     */
    public boolean[] storeAll(List<PricedEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean[] inserted = insertAll(connection, events);
                List<RollupDelta> deltas = new ArrayList<>();
                List<UsageEvent> stored = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    if (inserted[i]) {
                        deltas.add(RollupDelta.of(events.get(i).event(), events.get(i).pricing()));
                        stored.add(events.get(i).event());
                    }
                }
                if (!deltas.isEmpty()) {
                    RollupWriter.addAll(connection, deltas);
                    bodies.storeAll(connection, stored);
                }
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** An event with its price, ready to be stored. */
    public record PricedEvent(UsageEvent event, Pricing pricing) {
    }

    private boolean[] insertAll(Connection connection, List<PricedEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (PricedEvent priced : events) {
                bind(insert, priced.event(), priced.pricing());
                insert.addBatch();
            }
            // Sent in one round trip; each count is 1 for a new row and 0 for one already stored (ON CONFLICT).
            int[] counts = insert.executeBatch();
            boolean[] inserted = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                inserted[i] = counts[i] == 1;
            }
            return inserted;
        }
    }

    private void bind(PreparedStatement insert, UsageEvent event, Pricing pricing) throws SQLException {
        int i = 1;
        insert.setString(i++, event.requestId());
        insert.setInt(i++, event.attempt());
        insert.setTimestamp(i++, Timestamp.from(event.timestamp()));
        insert.setString(i++, event.provider());
        insert.setString(i++, event.model());
        insert.setString(i++, event.outcome().wireName());
        insert.setString(i++, event.errorClass() == null ? null : event.errorClass().wireName());
        insert.setString(i++, event.errorMessage());
        insert.setLong(i++, event.latencyMs());
        Sql.setLong(insert, i++, event.timeToFirstTokenMs());
        insert.setLong(i++, event.inputTokens());
        insert.setLong(i++, event.outputTokens());
        insert.setLong(i++, event.cachedInputTokens());
        insert.setLong(i++, event.reasoningTokens());
        insert.setLong(i++, event.cacheWriteTokens());
        insert.setLong(i++, event.cacheWrite1hTokens());
        insert.setString(i++, event.apiKeyId());
        insert.setBoolean(i++, event.cacheHit());
        insert.setBoolean(i++, event.route() != null && event.route().fallback());
        insert.setString(i++, event.route() == null ? null : event.route().policy());
        insert.setString(i++, event.route() == null ? null : event.route().task());
        insert.setBigDecimal(i++, pricing.costUsd());
        insert.setString(i++, pricing.source());
        insert.setTimestamp(i++, pricing.effectiveFrom() == null ? null : Timestamp.from(pricing.effectiveFrom()));
        insert.setString(i++, pricing.unpricedReason());
        insert.setString(i++, event.traceId());
        AttemptTimings timings = event.timings() == null
                ? new AttemptTimings(null, null, null, null, null, null)
                : event.timings();
        Sql.setLong(insert, i++, timings.routerMs());
        Sql.setLong(insert, i++, timings.toAdapterMs());
        Sql.setLong(insert, i++, timings.connectMs());
        Sql.setLong(insert, i++, timings.firstTokenMs());
        Sql.setLong(insert, i++, timings.lastTokenMs());
        Sql.setLong(insert, i++, timings.backMs());
        Attribution attribution = event.attribution();
        insert.setString(i++, attribution == null ? null : attribution.keyName());
        insert.setString(i++, attribution == null ? null : attribution.teamId());
        insert.setString(i++, attribution == null ? null : attribution.user());
        insert.setArray(i++, attribution == null || attribution.tags() == null || attribution.tags().isEmpty() ? null
                : insert.getConnection().createArrayOf("text", attribution.tags().toArray()));
        insert.setString(i++, event.operation().wireName());
        insert.setString(i++, attribution == null ? null : attribution.teamName());
        insert.setString(i++, metadata(attribution));
        insert.setBoolean(i, event.requestLog() != RequestLogLevel.OFF);
    }

    private String metadata(Attribution attribution) {
        if (attribution == null || attribution.metadata() == null || attribution.metadata().isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(attribution.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata of string pairs is always JSON", e);
        }
    }
}
