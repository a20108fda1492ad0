package dev.switchboard.telemetry.export;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;

/** Hourly and daily exports from the rollups, NDJSON, and a month of requests streamed in bounded memory. */
@QuarkusTest
class ExportTests {

    private static final int BULK_ROWS = 100_000;
    private static final String AGGREGATE_HEADER = "period_start,provider,model,api_key_id,task,policy,requests,successes,"
            + "failures,expired,retries,fallbacks,cache_hits,input_tokens,output_tokens,cached_input_tokens,cost_usd,"
            + "unpriced_requests,latency_avg_ms,latency_p50_ms,latency_p95_ms,latency_p99_ms,ttft_p50_ms,ttft_p95_ms,cancelled,"
            + "reasoning_tokens,cache_write_tokens,cache_write_1h_tokens";
    private static final long MB = 1024 * 1024;

    @Inject
    UsageIngestor ingestor;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/telemetry/export")
    URL export;

    @Test
    void hourAndDayExportsSumTheRollupsWithPercentilesOfTheirPeriod() {
        String provider = Event.unique("hourly");
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
        Instant ten = day.plus(10, ChronoUnit.HOURS);
        ingestor.ingest(Event.of(provider, "m").at(ten.plusSeconds(60)).latency(100).ttft(10).route("p", "t", false)
                .reasoning(5).cacheWrites(4, 1).build());
        ingestor.ingest(Event.of(provider, "m").at(ten.plusSeconds(1800)).latency(300).ttft(30).route("p", "t", false)
                .build());
        ingestor.ingest(Event.of(provider, "m").at(ten.plusSeconds(2400)).latency(200).attempt(2)
                .failed(ErrorClass.OVERLOADED, "busy").route("p", "t", true).build());
        ingestor.ingest(Event.of(provider, "m").at(ten.plusSeconds(3700)).latency(50).build());

        String csv = given()
                .queryParam("format", "csv").queryParam("granularity", "hour").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"switchboard-usage-hour.csv\"")
                .extract().asString();
        assertThat(csv.split("\r\n")).containsExactly(AGGREGATE_HEADER,
                ten + "," + provider + ",m,key-test,t,p,3,2,1,0,1,1,0,30,60,0,0,3,200.0,200.0,290.0,298.0,20.0,29.0,0,5,4,1",
                ten.plus(1, ChronoUnit.HOURS) + "," + provider
                        + ",m,key-test,,,1,1,0,0,0,0,0,10,20,0,0,1,50.0,50.0,50.0,50.0,,,0,0,0,0");

        given()
                .queryParam("format", "json").queryParam("granularity", "day").queryParam("provider", provider)
                .queryParam("from", day.toString()).queryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("period_start", contains(day.toString(), day.toString()))
                .body("requests", contains(1, 3))
                .body("task", contains("", "t"));
    }

    @Test
    void ndjsonHasOneObjectPerLine() {
        String provider = Event.unique("ndjson");
        ingestor.ingest(Event.of(provider, "m").latency(1).build());
        ingestor.ingest(Event.of(provider, "m").latency(2).build());

        String body = given()
                .queryParam("format", "ndjson").queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract().asString();
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":").endsWith("}"));
        assertThat(body).endsWith("}\n");
        given()
                .queryParam("format", "json").queryParam("provider", Event.unique("nothing"))
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void instantsBeyondFourDigitYearsAre400s() {
        given().queryParam("from", "-999999-01-01T00:00:00Z").queryParam("format", "csv")
                .when().get("/telemetry/export")
                .then().statusCode(400).body("error.param", is("from"));
        given().queryParam("granularity", "hour").queryParam("to", "+999999-01-01T00:00:00Z")
                .when().get("/telemetry/export")
                .then().statusCode(400).body("error.param", is("to"));
    }

    @Test
    void aMonthOfRequestsStreamsInBoundedMemory() throws Exception {
        String provider = Event.unique("bulk");
        insertBulkRows(provider);
        try {
            // HTTP/1.1 as export clients use it; over HTTP/2 this client would buffer up to its 32 MB flow-control window.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // A first, small export warms the buffer pools, so the baseline already has them.
            client.send(HttpRequest.newBuilder(URI.create(export + "?format=csv&to=" + Instant.EPOCH.plusSeconds(1)))
                    .header("Authorization", "Bearer " + Ops.OPS_KEY).build(), HttpResponse.BodyHandlers.ofString());
            long baseline = usedMemory();
            HttpRequest request = HttpRequest.newBuilder(URI.create(export + "?format=csv&provider=" + provider))
                    .header("Authorization", "Bearer " + Ops.OPS_KEY).build();
            long started = System.nanoTime();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream body = response.body()) {
                CountingSink sink = new CountingSink();
                sink.readLines(body, 1000);
                // The client stops reading: a server that buffered the export, or a driver that fetched every row at
                // once, would now hold tens of megabytes; one that streams holds a few buffers.
                Thread.sleep(1500);
                long heldWhilePaused = usedMemory() - baseline;
                sink.readLines(body, Long.MAX_VALUE);
                long millis = (System.nanoTime() - started) / 1_000_000;
                Log.infof("Streamed %d rows, %d MB, in %d ms; %d MB more memory held mid-stream", sink.lines - 1,
                        sink.bytes / MB, millis, heldWhilePaused / MB);

                assertThat(sink.lines).isEqualTo(BULK_ROWS + 1);
                assertThat(sink.bytes).as("export size").isGreaterThan(35 * MB);
                assertThat(heldWhilePaused).as("memory held while the client paused").isLessThan(12 * MB);
            }
        } finally {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM usage_event WHERE provider = ?")) {
                delete.setString(1, provider);
                delete.executeUpdate();
            }
        }
    }

    /** 100,000 attempts spread over the last 30 days, each with a 300-character error message. */
    private void insertBulkRows(String provider) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO usage_event (request_id, attempt, occurred_at, provider, model, outcome, error_class,
                                                 error_message, latency_ms, input_tokens, output_tokens)
                        SELECT 'bulk-' || n, 1, now() - interval '30 days' + n * interval '25 seconds', ?, 'm', 'error',
                               'server_error', repeat('x', 300), n % 1000, n % 100, n % 50
                        FROM generate_series(1, ?) AS n
                        """)) {
            insert.setString(1, provider);
            insert.setInt(2, BULK_ROWS);
            assertThat(insert.executeUpdate()).isEqualTo(BULK_ROWS);
        }
    }

    /**
     * Heap in use after a full collection, the JDK's direct buffers, and the bytes of live buffers in Netty's pools (the
     * default one and Vert.x's own), where a server that buffered its output would keep it.
     */
    private static long usedMemory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long pooled = 0;
        for (ByteBufAllocator allocator : List.of(PooledByteBufAllocator.DEFAULT, VertxByteBufAllocator.POOLED_ALLOCATOR)) {
            PooledByteBufAllocatorMetric metric = ((PooledByteBufAllocator) allocator).metric();
            pooled += Stream.concat(metric.directArenas().stream(), metric.heapArenas().stream())
                    .mapToLong(PoolArenaMetric::numActiveBytes).sum();
        }
        Log.infof("heap %d MB, direct %d MB, pooled buffers in use %d MB", heap / MB, direct / MB, pooled / MB);
        return heap + direct + pooled;
    }

    /** Counts lines and bytes of a stream without keeping them. */
    private static final class CountingSink {

        private final byte[] buffer = new byte[8192];
        private long lines;
        private long bytes;

        void readLines(InputStream in, long upTo) throws IOException {
            long target = upTo == Long.MAX_VALUE ? Long.MAX_VALUE : lines + upTo;
            while (lines < target) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
    }

}
