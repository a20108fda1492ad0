package dev.switchboard.telemetry.pricing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.telemetry.client.RegistryPrice;
import dev.switchboard.telemetry.sql.Sql;
import dev.switchboard.telemetry.stats.RollupDelta;
import dev.switchboard.telemetry.stats.RollupWriter;

/**
 * Writes the cost of a model's stored events again at the prices of their periods, with what that changes in their
 * minute and hour rollups. The database does the arithmetic, a day of events per statement and transaction, with the
 * rule of {@link TokenPrices#cost}: each kind of token at its own price, a count cut to the one that includes it.
 * Only rows whose cost or price changes are written, so running it again changes nothing; a lock per model keeps two
 * replicas from writing the same rows at once.
 */
@ApplicationScoped
public class CostRewriter {

    private static final Duration BATCH = Duration.ofDays(1);
    private static final BigDecimal PER_TOKEN = BigDecimal.valueOf(1_000_000);

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('price-correction:' || ? || '/' || ?))";
    private static final String REWRITE = """
            WITH counted AS (
                SELECT request_id, attempt, occurred_at, api_key_id, route_task, route_policy, price_source, cost_usd,
                       greatest(input_tokens, 0) AS i, greatest(output_tokens, 0) AS o,
                       greatest(0, least(cached_input_tokens, greatest(input_tokens, 0))) AS c,
                       greatest(0, least(reasoning_tokens, greatest(output_tokens, 0))) AS r,
                       cache_write_tokens, cache_write_1h_tokens
                FROM usage_event
                WHERE provider = ? AND model = ? AND occurred_at >= ? AND occurred_at < ? AND NOT cache_hit
            ), written AS (
                SELECT counted.*, greatest(0, least(cache_write_tokens, i - c)) AS w FROM counted
            ), priced AS (
                SELECT written.*, round(CAST(? AS NUMERIC) * (i - c - w) + CAST(? AS NUMERIC) * c
                           + CAST(? AS NUMERIC) * (w - w1) + CAST(? AS NUMERIC) * w1
                           + CAST(? AS NUMERIC) * (o - r) + CAST(? AS NUMERIC) * r, 12) AS new_cost
                FROM written, LATERAL (SELECT greatest(0, least(cache_write_1h_tokens, w)) AS w1) AS hour_writes
            ), changed AS (
                UPDATE usage_event e
                SET cost_usd = p.new_cost, price_source = ?, price_effective_from = CAST(? AS TIMESTAMPTZ),
                    unpriced_reason = NULL
                FROM priced p
                WHERE e.request_id = p.request_id AND e.attempt = p.attempt
                  AND (e.cost_usd IS DISTINCT FROM p.new_cost OR e.price_source <> ?
                       OR e.price_effective_from IS DISTINCT FROM CAST(? AS TIMESTAMPTZ))
                RETURNING p.occurred_at, p.api_key_id, p.route_task, p.route_policy,
                          p.new_cost - coalesce(p.cost_usd, 0) AS delta,
                          CASE WHEN p.price_source = 'unpriced' THEN 1 ELSE 0 END AS newly_priced
            )
            SELECT %s AS minute, api_key_id, route_task, route_policy,
                   sum(delta) AS delta, sum(newly_priced) AS newly_priced, count(*) AS events
            FROM changed
            GROUP BY 1, 2, 3, 4
            """.formatted(Sql.bucketOf("occurred_at", "minute"));

    private final AgroalDataSource dataSource;

    public CostRewriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Prices again every event of the model from {@code since} on, each at the price of the period it falls in; returns
     * how many events changed.
     */
    public long rewrite(String provider, String model, PriceList prices, Instant since) throws SQLException {
        Instant now = Instant.now();
        long changed = 0;
        for (PricePeriod period : prices.periods()) {
            Instant from = later(period.from(), since);
            Instant until = period.until() == null ? now.plus(BATCH) : period.until();
            for (Instant start = from; start.isBefore(until); start = start.plus(BATCH)) {
                Instant end = start.plus(BATCH).isBefore(until) ? start.plus(BATCH) : until;
                changed += rewrite(provider, model, period.price(), start, end);
            }
        }
        return changed;
    }

    private long rewrite(String provider, String model, RegistryPrice price, Instant from, Instant until)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                    Sql.bind(lock, provider, model);
                    lock.execute();
                }
                List<RollupDelta> deltas = new ArrayList<>();
                long changed = 0;
                try (PreparedStatement rewrite = connection.prepareStatement(REWRITE)) {
                    bind(rewrite, provider, model, price, from, until);
                    try (ResultSet rows = rewrite.executeQuery()) {
                        while (rows.next()) {
                            deltas.add(RollupDelta.recosted(rows.getTimestamp("minute").toInstant(), provider, model,
                                    rows.getString("api_key_id"), rows.getString("route_task"),
                                    rows.getString("route_policy"), rows.getBigDecimal("delta"),
                                    rows.getLong("newly_priced")));
                            changed += rows.getLong("events");
                        }
                    }
                }
                RollupWriter.addAll(connection, deltas);
                connection.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement rewrite, String provider, String model, RegistryPrice price, Instant from,
            Instant until) throws SQLException {
        TokenPrices p = price.tokenPrices();
        BigDecimal input = perToken(p.inputPerMillion());
        BigDecimal output = perToken(p.outputPerMillion());
        BigDecimal cached = p.cachedInputPerMillion() == null ? input : perToken(p.cachedInputPerMillion());
        BigDecimal write = p.cacheWritePerMillion() == null ? input : perToken(p.cacheWritePerMillion());
        BigDecimal write1h = p.cacheWrite1hPerMillion() == null ? write : perToken(p.cacheWrite1hPerMillion());
        BigDecimal reasoning = p.reasoningPerMillion() == null ? output : perToken(p.reasoningPerMillion());
        String source = PriceList.source(price);
        Instant effectiveFrom = price.effectiveFrom();
        Sql.bind(rewrite, provider, model, from, until, input, cached, write, write1h, output, reasoning, source,
                effectiveFrom, source, effectiveFrom);
    }

    /** A price per million as USD per token, exactly. */
    private static BigDecimal perToken(BigDecimal perMillion) {
        return perMillion.divide(PER_TOKEN);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || a.isBefore(b) ? b : a;
    }
}
