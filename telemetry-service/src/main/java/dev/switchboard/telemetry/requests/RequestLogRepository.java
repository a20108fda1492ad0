package dev.switchboard.telemetry.requests;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.sql.Sql;

/**
 * Reads the request log: the stored attempts ({@code usage_event}) grouped by client call, and their bodies
 * ({@code request_body}) when kept; attempts of calls whose log was {@code off} are left out.
 */
@ApplicationScoped
public class RequestLogRepository {

    private static final String PAGE = """
            WITH calls AS (
                SELECT request_id,
                       min(occurred_at) AS started_at,
                       max(occurred_at + latency_ms * INTERVAL '1 millisecond') AS ended_at,
                       count(*) AS attempts,
                       sum(input_tokens) AS input_tokens,
                       sum(output_tokens) AS output_tokens,
                       sum(cost_usd) AS cost_usd,
                       bool_or(cache_hit) AS cache_hit,
                       max(api_key_id) AS api_key_id,
                       max(key_name) AS key_name,
                       max(team_id) AS team_id,
                       max(team_name) AS team_name,
                       max(end_user) AS end_user,
                       max(operation) AS operation,
                       max(trace_id) AS trace_id,
                       bool_or(?::text IS NULL OR provider = ?) AS provider_match,
                       bool_or(?::text IS NULL OR model = ?) AS model_match
                FROM usage_event
                WHERE occurred_at >= ? AND occurred_at < ? AND in_request_log AND %s
                GROUP BY request_id
            ), matched AS (
                SELECT calls.*, last.provider, last.model, last.outcome, last.error_class, last.tags, last.metadata,
                       (extract(epoch FROM calls.ended_at - calls.started_at) * 1000)::bigint AS latency_ms
                FROM calls
                CROSS JOIN LATERAL (SELECT provider, model, outcome, error_class, tags, metadata FROM usage_event attempt
                                    WHERE attempt.request_id = calls.request_id
                                    ORDER BY attempt.attempt DESC LIMIT 1) last
                WHERE calls.provider_match AND calls.model_match
            )
            SELECT matched.*, count(*) OVER () AS total
            FROM matched
            WHERE (?::text IS NULL OR outcome = ?) AND (?::bigint IS NULL OR latency_ms >= ?)
            ORDER BY started_at DESC, request_id
            LIMIT ? OFFSET ?
            """.formatted(UsageFilter.CONDITION);

    private static final String ATTEMPTS = """
            SELECT event.*, body.request_body, body.response_body
            FROM usage_event event
            LEFT JOIN request_body body ON body.request_id = event.request_id AND body.attempt = event.attempt
            WHERE event.request_id = ? AND event.in_request_log
            ORDER BY event.attempt
            """;

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public RequestLogRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public RequestPage page(RequestFilter filter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(PAGE)) {
            Sql.bind(query, filter.usage().around(
                    new Object[] { filter.provider(), filter.provider(), filter.model(), filter.model(), filter.from(),
                            filter.to() },
                    filter.outcome(), filter.outcome(), filter.minLatencyMs(), filter.minLatencyMs(), filter.size(),
                    filter.page() * filter.size()));
            List<RequestSummary> calls = new ArrayList<>();
            long total = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    total = rows.getLong("total");
                    calls.add(new RequestSummary(rows.getString("request_id"),
                            rows.getTimestamp("started_at").toInstant(), rows.getLong("latency_ms"),
                            rows.getInt("attempts"), rows.getString("provider"), rows.getString("model"),
                            rows.getString("outcome"), rows.getString("error_class"), rows.getLong("input_tokens"),
                            rows.getLong("output_tokens"), cost(rows.getBigDecimal("cost_usd")),
                            rows.getBoolean("cache_hit"), caller(rows), rows.getString("trace_id"),
                            rows.getString("operation")));
                }
            }
            return new RequestPage(calls, filter.page(), filter.size(), total);
        }
    }

    /** The call's whole story, or empty when no attempt of it is stored. */
    public Optional<RequestStory> story(String requestId) throws SQLException {
        List<AttemptRecord> attempts = new ArrayList<>();
        RequestCaller caller = null;
        String traceId = null;
        String operation = null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(ATTEMPTS)) {
            Sql.bind(query, requestId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    attempts.add(attempt(rows));
                    caller = caller != null ? caller : caller(rows);
                    traceId = traceId != null ? traceId : rows.getString("trace_id");
                    operation = operation != null ? operation : rows.getString("operation");
                }
            }
        }
        if (attempts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RequestStory(summary(requestId, attempts, caller, traceId, operation), attempts));
    }

    private static RequestSummary summary(String requestId, List<AttemptRecord> attempts, RequestCaller caller,
            String traceId, String operation) {
        Instant started = attempts.stream().map(AttemptRecord::startedAt).min(Instant::compareTo).orElseThrow();
        long ended = attempts.stream().mapToLong(a -> a.startedAt().toEpochMilli() + a.latencyMs()).max().orElseThrow();
        AttemptRecord last = attempts.get(attempts.size() - 1);
        BigDecimal cost = attempts.stream().map(AttemptRecord::costUsd).filter(c -> c != null)
                .reduce(BigDecimal::add).orElse(null);
        return new RequestSummary(requestId, started, ended - started.toEpochMilli(), attempts.size(), last.provider(),
                last.model(), last.outcome(), last.errorClass(),
                attempts.stream().mapToLong(AttemptRecord::inputTokens).sum(),
                attempts.stream().mapToLong(AttemptRecord::outputTokens).sum(), cost,
                attempts.stream().anyMatch(AttemptRecord::cacheHit), caller, traceId, operation);
    }

    private RequestCaller caller(ResultSet rows) throws SQLException {
        Array tags = rows.getArray("tags");
        return new RequestCaller(rows.getString("api_key_id"), rows.getString("key_name"), rows.getString("team_id"),
                rows.getString("team_name"), rows.getString("end_user"),
                tags == null ? List.of() : List.of((String[]) tags.getArray()), json(rows.getString("metadata")));
    }

    private AttemptRecord attempt(ResultSet rows) throws SQLException {
        AttemptTimings timings = new AttemptTimings(rows.getObject("router_ms", Long.class),
                rows.getObject("to_adapter_ms", Long.class), rows.getObject("connect_ms", Long.class),
                rows.getObject("first_token_ms", Long.class), rows.getObject("last_token_ms", Long.class),
                rows.getObject("back_ms", Long.class));
        return new AttemptRecord(rows.getInt("attempt"), rows.getTimestamp("occurred_at").toInstant(),
                rows.getString("provider"), rows.getString("model"), rows.getString("outcome"),
                rows.getString("error_class"), rows.getString("error_message"), rows.getLong("latency_ms"),
                rows.getObject("ttft_ms", Long.class), timings, rows.getLong("input_tokens"),
                rows.getLong("output_tokens"), rows.getLong("cached_input_tokens"), cost(rows.getBigDecimal("cost_usd")),
                rows.getString("price_source"), rows.getBoolean("cache_hit"), rows.getBoolean("fallback"),
                rows.getString("route_policy"), rows.getString("route_task"), json(rows.getString("request_body")),
                json(rows.getString("response_body")));
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("a stored body is not JSON", e);
        }
    }

    private static BigDecimal cost(BigDecimal cost) {
        return cost == null ? null : cost.stripTrailingZeros();
    }
}
