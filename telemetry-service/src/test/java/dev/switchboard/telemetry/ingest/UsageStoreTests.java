package dev.switchboard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.RouteInfo;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.ingest.UsageStore.PricedEvent;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.RowCount;

/** A batch is one statement: which of its rows were new, and every column of a row, as given. */
@QuarkusTest
class UsageStoreTests {

    private static final Pricing PRICED = new Pricing(new BigDecimal("0.000012345678"), "catalog",
            Instant.parse("2026-01-01T00:00:00Z"), null);

    @Inject
    UsageStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theStatementTellsWhichRowsWereNewAndTheFirstOfAKeyRepeatedInABatch() throws SQLException {
        String provider = Event.unique("store");
        UsageEvent first = Event.of(provider, "m").build();
        UsageEvent retry = Event.of(provider, "m").requestId(first.requestId()).attempt(2).build();
        UsageEvent other = Event.of(provider, "m").build();

        assertThat(store.storeAll(List.of(priced(first), priced(retry), priced(first))))
                .containsExactly(true, true, false);
        assertThat(store.storeAll(List.of(priced(retry), priced(other), priced(first), priced(other))))
                .containsExactly(false, true, false, false);
        assertThat(rows(provider)).isEqualTo(3);
    }

    @Test
    void everyColumnIsStoredAsTheEventCarriedIt() throws SQLException {
        String provider = Event.unique("columns");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UsageEvent full = UsageEvent.builder("req-" + provider, 3)
                .timestamp(at)
                .provider(provider)
                .model("gpt-x")
                .operation(Operation.RESPONSES)
                .outcome(Outcome.ERROR)
                .errorClass(ErrorClass.SERVER_ERROR)
                .errorMessage("upstream said \"no\", {twice}")
                .latencyMs(1234)
                .timeToFirstTokenMs(56L)
                .tokens(11, 22, 3)
                .reasoningTokens(4)
                .cacheWriteTokens(5, 6)
                .apiKeyId("key-1")
                .route(new RouteInfo("cost_optimized", "coding", List.of(), true, null))
                .traceId("0af7651916cd43dd8448eb211c80319c")
                .timings(new AttemptTimings(1L, 2L, null, 4L, 5L, 6L))
                .attribution(new Attribution("ci", "team-1", "Team One", "alice",
                        Map.of("env", "prod"), List.of("a,b", "quote\"d", "back\\slash"), null, null))
                .requestLog(RequestLogLevel.OFF)
                .build();
        UsageEvent bare = Event.of(provider, "bare").build();

        assertThat(store.storeAll(List.of(new PricedEvent(full, PRICED),
                new PricedEvent(bare, Pricing.unpriced("no_price"))))).containsExactly(true, true);

        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT attempt, occurred_at, model, outcome, error_class, error_message, latency_ms, ttft_ms,
                               input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, cache_write_tokens,
                               cache_write_1h_tokens, api_key_id, cache_hit, fallback, route_policy, route_task, cost_usd,
                               price_source, price_effective_from, unpriced_reason, trace_id, router_ms, to_adapter_ms,
                               connect_ms, first_token_ms, last_token_ms, back_ms, key_name, team_id, end_user, tags,
                               operation, team_name, metadata::text, in_request_log
                        FROM usage_event WHERE provider = ? ORDER BY model DESC
                        """)) {
            query.setString(1, provider);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(List.of(row.getInt(1), row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6))).containsExactly(3, at, "gpt-x", "error", "server_error",
                                "upstream said \"no\", {twice}");
                assertThat(List.of(row.getLong(7), row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11),
                        row.getLong(12), row.getLong(13), row.getLong(14))).containsExactly(1234L, 56L, 11L, 22L, 3L, 4L,
                                5L, 6L);
                assertThat(List.of(row.getString(15), row.getBoolean(16), row.getBoolean(17), row.getString(18),
                        row.getString(19))).containsExactly("key-1", false, true, "cost_optimized", "coding");
                assertThat(row.getBigDecimal(20)).isEqualByComparingTo(PRICED.costUsd());
                assertThat(List.of(row.getString(21), row.getTimestamp(22).toInstant(), row.getString(24)))
                        .containsExactly("catalog", PRICED.effectiveFrom(), "0af7651916cd43dd8448eb211c80319c");
                assertThat(row.getString(23)).isNull();
                assertThat(new Object[] { row.getObject(25), row.getObject(26), row.getObject(27), row.getObject(28),
                        row.getObject(29), row.getObject(30) }).containsExactly(1L, 2L, null, 4L, 5L, 6L);
                assertThat(List.of(row.getString(31), row.getString(32), row.getString(33))).containsExactly("ci",
                        "team-1", "alice");
                assertThat((String[]) row.getArray(34).getArray()).containsExactly("a,b", "quote\"d", "back\\slash");
                assertThat(List.of(row.getString(35), row.getString(36), row.getString(37), row.getBoolean(38)))
                        .containsExactly("responses", "Team One", "{\"env\": \"prod\"}", false);

                assertThat(row.next()).isTrue();
                assertThat(row.getString(3)).isEqualTo("bare");
                assertThat(new Object[] { row.getString(5), row.getObject(8), row.getString(18), row.getObject(20),
                        row.getString(21), row.getString(23), row.getObject(25), row.getString(31), row.getArray(34),
                        row.getString(37) }).containsExactly(null, null, null, null, "unpriced", "no_price", null, null,
                                null, null);
                assertThat(row.getBoolean(38)).isTrue();
            }
        }
    }

    private static PricedEvent priced(UsageEvent event) {
        return new PricedEvent(event, PRICED);
    }

    private long rows(String provider) throws SQLException {
        return RowCount.of(dataSource, "SELECT count(*) FROM usage_event WHERE provider = ?", provider);
    }
}
