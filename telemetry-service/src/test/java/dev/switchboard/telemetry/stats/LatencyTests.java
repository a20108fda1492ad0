package dev.switchboard.telemetry.stats;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.RowCount;

/** Recent counts and latency from the rollups at GET /telemetry/latency, as the routers and the registry read them. */
@QuarkusTest
class LatencyTests {

    private static final double ERROR = LatencyBuckets.RELATIVE_ERROR;

    @Inject
    UsageIngestor ingestor;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void percentilesAreWithinTheBucketErrorOfTheExactOnesOverTheSameAttempts() throws SQLException {
        String provider = Event.unique("latency");
        Instant now = Instant.now();
        List<Long> timed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long latency = 100 + 50L * i;
            timed.add(latency);
            ingestor.ingest(Event.of(provider, "m").at(now.minus(i % 30, ChronoUnit.MINUTES)).key("key-" + i % 3)
                    .latency(latency).build());
        }
        // Failed and expired attempts count in the latency as they do in GET /telemetry; they move the median by a
        // tenth, well beyond the buckets' error.
        for (int i = 0; i < 40; i++) {
            timed.add(3_000L);
            ingestor.ingest(Event.of(provider, "m").at(now.minus(i % 20, ChronoUnit.MINUTES)).failed(ErrorClass.OVERLOADED,
                    "overloaded").latency(3_000).build());
        }
        for (int i = 0; i < 20; i++) {
            timed.add(8_000L);
            ingestor.ingest(Event.of(provider, "m").at(now).expired().latency(8_000).build());
        }
        // Neither cancelled attempts (the client left) nor cache hits are timed, nor what is older than the window.
        for (int i = 0; i < 50; i++) {
            ingestor.ingest(Event.of(provider, "m").at(now).cancelled().latency(400_000).build());
            ingestor.ingest(Event.of(provider, "m").at(now).cacheHit().latency(1).build());
            ingestor.ingest(Event.of(provider, "m").at(now.minus(2, ChronoUnit.HOURS)).latency(1).build());
        }

        JsonPath latency = given().queryParam("minutes", 60)
                .when().get("/telemetry/latency")
                .then().statusCode(200)
                .extract().jsonPath();
        String row = "models.find { it.provider == '" + provider + "' }";
        assertThat(latency.getInt("minutes")).isEqualTo(60);
        assertThat(latency.getInt(row + ".successes")).isEqualTo(200);
        assertThat(latency.getInt(row + ".timedAttempts")).isEqualTo(260);

        Map<String, Object> exact = given().queryParam("provider", provider).queryParam("hours", 1)
                .when().get("/telemetry")
                .then().statusCode(200)
                .extract().jsonPath().getMap("models[0]");
        long[] sorted = timed.stream().mapToLong(Long::longValue).sorted().toArray();
        for (String percentile : List.of("P50", "P95", "P99")) {
            double expected = percentileCont(sorted, Integer.parseInt(percentile.substring(1)) / 100.0);
            assertThat(((Number) exact.get("latency" + percentile + "Ms")).doubleValue()).isCloseTo(expected,
                    within(1e-6));
            assertThat(latency.getDouble(row + ".latency" + percentile + "Ms")).as(percentile)
                    .isCloseTo(expected, within(expected * ERROR));
        }
        assertThat(percentileCont(sorted, 0.5)).isCloseTo(4_575, within(1e-6));

        // The hour rollups keep the same histograms: the window's attempts and the older ones.
        assertThat(RowCount.of(dataSource, "SELECT sum(n) FROM usage_rollup_hour, unnest(latency_histogram) AS n"
                + " WHERE provider = ?", provider)).isEqualTo(310);
    }

    @Test
    void countsAndSuccessRateAreThoseOfGetTelemetryOverTheSameAttempts() {
        String provider = Event.unique("counts");
        Instant now = Instant.now();
        List<UsageEvent> events = new ArrayList<>();
        // Nearly three hours of every outcome, cache hits among them, from several keys: a window's first minutes are
        // read from the minute rollups, its whole hours from the hour rollups.
        for (int i = 0; i < 170; i++) {
            Instant at = now.minus(i, ChronoUnit.MINUTES);
            Event attempt = Event.of(provider, "mixed").at(at).key("key-" + i % 4);
            events.add(switch (i % 5) {
                case 0 -> attempt.build();
                case 1 -> attempt.failed(ErrorClass.OVERLOADED, "overloaded").build();
                case 2 -> attempt.expired().build();
                case 3 -> attempt.cancelled().build();
                default -> attempt.cacheHit().build();
            });
            if (i % 7 == 0) {
                events.add(Event.of(provider, "mixed").at(at).key("key-" + i % 4).build());
            }
        }
        // Nothing but cancelled attempts and cache hits: requests, yet no attempt that finished on its own.
        events.add(Event.of(provider, "unfinished").at(now).cancelled().build());
        events.add(Event.of(provider, "unfinished").at(now).cacheHit().build());
        // Older than three hours, within the day: one a minute over the hour before the three-hour window starts, so
        // that the hour it starts in must not be read whole (unless it starts in that hour's first two minutes), and
        // six more.
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES).minus(179, ChronoUnit.MINUTES);
        for (int i = 2; i < 62; i++) {
            events.add(Event.of(provider, "mixed").at(windowStart.minus(i, ChronoUnit.MINUTES))
                    .failed(ErrorClass.OVERLOADED, "down").build());
        }
        for (int i = 0; i < 6; i++) {
            events.add(Event.of(provider, "mixed").at(now.minus(5, ChronoUnit.HOURS)).failed(ErrorClass.OVERLOADED, "down")
                    .build());
        }
        assertThat(ingestor.ingestAll(events).refused()).isEmpty();

        for (int hours : List.of(3, 24)) {
            JsonPath read = given().queryParam("minutes", hours * 60)
                    .when().get("/telemetry/latency")
                    .then().statusCode(200)
                    .extract().jsonPath();
            JsonPath exact = given().queryParam("provider", provider).queryParam("hours", hours)
                    .when().get("/telemetry")
                    .then().statusCode(200)
                    .extract().jsonPath();
            for (String model : List.of("mixed", "unfinished")) {
                String row = "models.find { it.provider == '" + provider + "' && it.model == '" + model + "' }";
                for (String count : List.of("requests", "successes", "failures", "expired", "cancelled")) {
                    assertThat(read.getLong(row + "." + count)).as(hours + " h " + model + " " + count)
                            .isEqualTo(exact.getLong(row + "." + count));
                }
                assertThat(read.getDouble(row + ".successRate")).as(hours + " h " + model + " successRate")
                        .isEqualTo(exact.getDouble(row + ".successRate"));
            }
        }

        // 34 attempts of each outcome but the cache hits, 25 more successes; 66 more failures in the day.
        String mixed = "models.find { it.provider == '" + provider + "' && it.model == 'mixed' }";
        JsonPath threeHours = given().queryParam("minutes", 180).when().get("/telemetry/latency").then().statusCode(200)
                .extract().jsonPath();
        assertThat(threeHours.getLong(mixed + ".requests")).isEqualTo(4 * 34 + 25);
        assertThat(threeHours.getLong(mixed + ".failures")).isEqualTo(34);
        assertThat(threeHours.getDouble(mixed + ".successRate")).isCloseTo(59.0 / (3 * 34 + 25), within(1e-6));
        JsonPath day = given().queryParam("minutes", 1440).when().get("/telemetry/latency").then().statusCode(200)
                .extract().jsonPath();
        assertThat(day.getLong(mixed + ".failures")).isEqualTo(100);
        String unfinished = "models.find { it.provider == '" + provider + "' && it.model == 'unfinished' }";
        assertThat(day.getLong(unfinished + ".requests")).isEqualTo(1);
        assertThat(day.getDouble(unfinished + ".successRate")).isZero();
        assertThat(day.getString(unfinished + ".latencyP50Ms")).isNull();
    }

    @Test
    void theWindowIsTheLastMinutesRollupsTheCurrentOneIncluded() {
        String provider = Event.unique("window");
        Instant now = Instant.now();
        ingestor.ingest(Event.of(provider, "m").at(now).latency(200).build());
        ingestor.ingest(Event.of(provider, "m").at(now.minus(5, ChronoUnit.MINUTES)).latency(200).build());

        assertThat(successes(provider, 3)).isEqualTo(1);
        assertThat(successes(provider, 10)).isEqualTo(2);
    }

    @Test
    void rowsStoredBeforeTheHistogramsCountTheirSuccessesButNoLatency() throws SQLException {
        String provider = Event.unique("legacy");
        Instant at = Instant.now();
        for (String model : List.of("old", "mixed")) {
            insertRowWithoutHistogram(at.truncatedTo(ChronoUnit.MINUTES), provider, model, 7);
        }
        ingestor.ingest(Event.of(provider, "mixed").at(at).latency(250).build());

        JsonPath latency = given().when().get("/telemetry/latency").then().statusCode(200).extract().jsonPath();
        String old = "models.find { it.provider == '" + provider + "' && it.model == 'old' }";
        assertThat(latency.getInt(old + ".successes")).isEqualTo(7);
        assertThat(latency.getInt(old + ".timedAttempts")).isZero();
        assertThat(latency.getString(old + ".latencyP50Ms")).isNull();
        String mixed = "models.find { it.provider == '" + provider + "' && it.model == 'mixed' }";
        assertThat(latency.getInt(mixed + ".successes")).isEqualTo(8);
        assertThat(latency.getInt(mixed + ".timedAttempts")).isEqualTo(1);
        assertThat(latency.getDouble(mixed + ".latencyP50Ms")).isCloseTo(250, within(250 * ERROR));
    }

    private static int successes(String provider, int minutes) {
        return given().queryParam("minutes", minutes)
                .when().get("/telemetry/latency")
                .then().statusCode(200)
                .extract().jsonPath().getInt("models.find { it.provider == '" + provider + "' }.successes");
    }

    /** A minute rollup row and its hour row as they were before the histograms: the migration gave them empty ones. */
    private void insertRowWithoutHistogram(Instant minute, String provider, String model, long successes)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (String table : List.of("usage_rollup_minute", "usage_rollup_hour")) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO %s (bucket_start, provider, model, api_key_id, task, policy,
                            requests, successes, failures, expired, retries, fallbacks, cache_hits, input_tokens,
                            output_tokens, cached_input_tokens, latency_sum_ms, cost_usd, unpriced)
                        VALUES (?, ?, ?, 'key-test', '', '', ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)""".formatted(table))) {
                    boolean hour = table.endsWith("hour");
                    insert.setTimestamp(1, Timestamp.from(minute.truncatedTo(hour ? ChronoUnit.HOURS : ChronoUnit.MINUTES)));
                    insert.setString(2, provider);
                    insert.setString(3, model);
                    insert.setLong(4, successes);
                    insert.setLong(5, successes);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static double percentileCont(long[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
