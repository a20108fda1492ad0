package dev.switchboard.telemetry.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.sql.Sql;

/** Streams usage rows from a database cursor straight to the client, so an export's size does not touch the heap. */
@ApplicationScoped
public class UsageExporter {

    private static final int FETCH_SIZE = 500;

    private static final String ROWS = """
            SELECT occurred_at, request_id, attempt, provider, model, outcome, error_class, error_message,
                   latency_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens, cost_usd, price_source,
                   cache_hit, fallback, route_policy, route_task, api_key_id, reasoning_tokens, cache_write_tokens,
                   cache_write_1h_tokens, trace_id, router_ms, to_adapter_ms, connect_ms, first_token_ms,
                   last_token_ms, back_ms, operation, key_name, team_id, team_name, end_user, tags, metadata
            FROM usage_event
            WHERE occurred_at >= ? AND occurred_at < ?
              AND (?::text IS NULL OR provider = ?) AND (?::text IS NULL OR model = ?)
              AND %s
            ORDER BY occurred_at, request_id, attempt
            """.formatted(UsageFilter.CONDITION);

    // Quote only fields that need it (comma, quote, CR or LF), rather than every long one.
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final CsvSchema REQUEST_SCHEMA = CSV.schemaFor(ExportRow.class).withHeader().withLineSeparator("\r\n");
    private static final CsvSchema AGGREGATE_SCHEMA = CSV.schemaFor(AggregateRow.class).withHeader()
            .withLineSeparator("\r\n");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public UsageExporter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    public void export(ExportQuery query, ExportFormat format, OutputStream out) {
        boolean requests = query.granularity() == Granularity.REQUEST;
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams with a cursor only outside auto-commit and with a fetch size.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = requests ? requestRows(connection, query)
                    : AggregateQuery.prepare(connection, query)) {
                statement.setFetchSize(FETCH_SIZE);
                long written = 0;
                try (ResultSet rows = statement.executeQuery();
                        SequenceWriter writer = writer(format, requests ? REQUEST_SCHEMA : AGGREGATE_SCHEMA, out)) {
                    while (rows.next()) {
                        writer.write(requests ? requestRow(rows) : AggregateQuery.row(rows));
                        written++;
                    }
                }
                if (format == ExportFormat.NDJSON && written > 0) {
                    out.write('\n');
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export query failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("export was cut off", e);
        }
    }

    private SequenceWriter writer(ExportFormat format, CsvSchema schema, OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> CSV.writer(schema).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out);
            case JSON -> json.writer().writeValuesAsArray(out);
            case NDJSON -> json.writer().withRootValueSeparator("\n").writeValues(out);
        };
    }

    private static PreparedStatement requestRows(Connection connection, ExportQuery query) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(ROWS);
        Sql.bind(statement, query.filter().around(new Object[] { query.from(), query.to(), query.provider(),
                query.provider(), query.model(), query.model() }));
        return statement;
    }

    private static ExportRow requestRow(ResultSet rows) throws SQLException {
        BigDecimal cost = rows.getBigDecimal("cost_usd");
        return new ExportRow(rows.getTimestamp("occurred_at").toInstant().toString(), rows.getString("request_id"),
                rows.getInt("attempt"), rows.getString("provider"), rows.getString("model"), rows.getString("outcome"),
                rows.getString("error_class"), rows.getString("error_message"), rows.getLong("latency_ms"),
                rows.getObject("ttft_ms", Long.class), rows.getLong("input_tokens"), rows.getLong("output_tokens"),
                rows.getLong("cached_input_tokens"), cost == null ? null : cost.stripTrailingZeros(),
                rows.getString("price_source"), rows.getBoolean("cache_hit"), rows.getBoolean("fallback"),
                rows.getString("route_policy"), rows.getString("route_task"), rows.getString("api_key_id"),
                rows.getLong("reasoning_tokens"), rows.getLong("cache_write_tokens"), rows.getLong("cache_write_1h_tokens"),
                rows.getString("trace_id"), rows.getObject("router_ms", Long.class),
                rows.getObject("to_adapter_ms", Long.class), rows.getObject("connect_ms", Long.class),
                rows.getObject("first_token_ms", Long.class), rows.getObject("last_token_ms", Long.class),
                rows.getObject("back_ms", Long.class), rows.getString("operation"), rows.getString("key_name"),
                rows.getString("team_id"), rows.getString("team_name"), rows.getString("end_user"), tags(rows),
                rows.getString("metadata"));
    }

    private static List<String> tags(ResultSet rows) throws SQLException {
        Array tags = rows.getArray("tags");
        return tags == null ? null : List.of((String[]) tags.getArray());
    }

}
