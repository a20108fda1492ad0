package dev.switchboard.telemetry.ingest;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.ingest.UsageStore.PricedEvent;

/**
 * A batch of events as one array per column of {@code usage_event}, bound to {@link #INSERT}: the whole batch is one
 * statement, which PostgreSQL plans and runs once, however many rows it has. Timestamps and costs travel as text and
 * are cast on the server; tags, whose arrays differ in length per row, and metadata travel as JSON.
 */
final class UsageColumns {

    /** Inserts every row not stored before and returns the keys of those it inserted. */
    static final String INSERT = """
            INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, error_class, error_message,
                                     latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens,
                                     reasoning_tokens, cache_write_tokens, cache_write_1h_tokens, api_key_id,
                                     cache_hit, fallback, route_policy, route_task, cost_usd, price_source,
                                     price_effective_from, unpriced_reason, trace_id, router_ms, to_adapter_ms,
                                     connect_ms, first_token_ms, last_token_ms, back_ms, key_name, team_id, end_user,
                                     tags, operation, team_name, metadata, in_request_log)
            SELECT request_id, attempt, occurred_at::timestamptz, provider, model, outcome, error_class, error_message,
                   latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens,
                   cache_write_tokens, cache_write_1h_tokens, api_key_id, cache_hit, fallback, route_policy, route_task,
                   cost_usd::numeric, price_source, price_effective_from::timestamptz, unpriced_reason, trace_id,
                   router_ms, to_adapter_ms, connect_ms, first_token_ms, last_token_ms, back_ms, key_name, team_id,
                   end_user,
                   CASE WHEN tags IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(tags::jsonb)) END,
                   operation, team_name, metadata::jsonb, in_request_log
            FROM unnest(?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],
                        ?::text[], ?::bool[], ?::bool[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[])
                 AS batch(request_id, attempt, occurred_at, provider, model, outcome, error_class, error_message,
                          latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, reasoning_tokens,
                          cache_write_tokens, cache_write_1h_tokens, api_key_id, cache_hit, fallback, route_policy,
                          route_task, cost_usd, price_source, price_effective_from, unpriced_reason, trace_id,
                          router_ms, to_adapter_ms, connect_ms, first_token_ms, last_token_ms, back_ms, key_name,
                          team_id, end_user, tags, operation, team_name, metadata, in_request_log)
            ON CONFLICT (request_id, attempt) DO NOTHING
            RETURNING request_id, attempt
            """;

    private static final int TEXTS = 22;
    private static final int LONGS = 14;
    private static final AttemptTimings NO_TIMINGS = new AttemptTimings(null, null, null, null, null, null);

    private UsageColumns() {
    }

    /** Binds the events' columns, in {@link #INSERT}'s order, to its parameters. */
    static void bind(PreparedStatement insert, List<PricedEvent> events, ObjectMapper mapper) throws SQLException {
        int rows = events.size();
        String[][] texts = new String[TEXTS][rows];
        Long[][] longs = new Long[LONGS][rows];
        Integer[] attempts = new Integer[rows];
        Boolean[] cacheHits = new Boolean[rows];
        Boolean[] fallbacks = new Boolean[rows];
        Boolean[] inRequestLog = new Boolean[rows];
        for (int row = 0; row < rows; row++) {
            UsageEvent event = events.get(row).event();
            Pricing pricing = events.get(row).pricing();
            AttemptTimings timings = event.timings() == null ? NO_TIMINGS : event.timings();
            Attribution attribution = event.attribution();
            String[] text = {
                    event.requestId(), event.timestamp().toString(), event.provider(), event.model(),
                    event.outcome().wireName(), event.errorClass() == null ? null : event.errorClass().wireName(),
                    event.errorMessage(), event.apiKeyId(),
                    event.route() == null ? null : event.route().policy(),
                    event.route() == null ? null : event.route().task(),
                    plain(pricing.costUsd()), pricing.source(), instant(pricing.effectiveFrom()), pricing.unpricedReason(),
                    event.traceId(),
                    attribution == null ? null : attribution.keyName(),
                    attribution == null ? null : attribution.teamId(),
                    attribution == null ? null : attribution.user(),
                    attribution == null || attribution.tags() == null || attribution.tags().isEmpty() ? null
                            : json(mapper, attribution.tags()),
                    event.operation().wireName(),
                    attribution == null ? null : attribution.teamName(),
                    attribution == null || attribution.metadata() == null || attribution.metadata().isEmpty() ? null
                            : json(mapper, attribution.metadata())
            };
            Long[] numbers = {
                    event.latencyMs(), event.timeToFirstTokenMs(), event.inputTokens(), event.outputTokens(),
                    event.cachedInputTokens(), event.reasoningTokens(), event.cacheWriteTokens(),
                    event.cacheWrite1hTokens(), timings.routerMs(), timings.toAdapterMs(), timings.connectMs(),
                    timings.firstTokenMs(), timings.lastTokenMs(), timings.backMs() };
            for (int column = 0; column < TEXTS; column++) {
                texts[column][row] = text[column];
            }
            for (int column = 0; column < LONGS; column++) {
                longs[column][row] = numbers[column];
            }
            attempts[row] = event.attempt();
            cacheHits[row] = event.cacheHit();
            fallbacks[row] = event.route() != null && event.route().fallback();
            inRequestLog[row] = event.requestLog() != RequestLogLevel.OFF;
        }
        Connection connection = insert.getConnection();
        int i = 1;
        insert.setArray(i++, connection.createArrayOf("text", texts[0]));
        insert.setArray(i++, connection.createArrayOf("int4", attempts));
        for (int column = 1; column <= 6; column++) {
            insert.setArray(i++, connection.createArrayOf("text", texts[column]));
        }
        for (int column = 0; column < 8; column++) {
            insert.setArray(i++, connection.createArrayOf("int8", longs[column]));
        }
        insert.setArray(i++, connection.createArrayOf("text", texts[7]));
        insert.setArray(i++, connection.createArrayOf("bool", cacheHits));
        insert.setArray(i++, connection.createArrayOf("bool", fallbacks));
        for (int column = 8; column <= 14; column++) {
            insert.setArray(i++, connection.createArrayOf("text", texts[column]));
        }
        for (int column = 8; column < LONGS; column++) {
            insert.setArray(i++, connection.createArrayOf("int8", longs[column]));
        }
        for (int column = 15; column <= 21; column++) {
            insert.setArray(i++, connection.createArrayOf("text", texts[column]));
        }
        insert.setArray(i, connection.createArrayOf("bool", inRequestLog));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String instant(Instant value) {
        return value == null ? null : value.toString();
    }

    private static String json(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tags and metadata of strings are always JSON", e);
        }
    }
}
