package dev.switchboard.telemetry.metrics;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/**
 * /q/metrics carries request, token, cost and latency metrics under the GenAI semantic-convention names and labels,
 * and every metric the shipped Grafana dashboard queries.
 */
@QuarkusTest
class MetricsTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static final Path GRAFANA = Path.of("../deploy/grafana/switchboard-dashboard.json");
    private static final Set<String> LABELS = Set.of("gen_ai_provider_name", "gen_ai_request_model", "gen_ai_token_type",
            "gen_ai_operation_name");

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Test
    void storedEventsAppearAsPrometheusMetricsWithProviderAndModelLabels() {
        String provider = Event.unique("metrics");
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000", null, "0", "catalog")));
        ingestor.ingest(Event.of(provider, "m").latency(300).ttft(50).tokens(2000, 0, 30).build());
        ingestor.ingest(Event.of(provider, "m").latency(90).failed(ErrorClass.RATE_LIMITED, "429").tokens(0, 0, 0).build());
        ingestor.ingest(Event.of(provider, "unpriced").tokens(100, 40, 10).build());

        String metrics = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        String labels = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"" + provider + "\",gen_ai_request_model=\"m\"";
        assertThat(metrics)
                .contains("gen_ai_client_operation_duration_seconds_bucket{error_type=\"\"," + labels + ",le=\"0.32\"} 1")
                .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"rate_limited\"," + labels + "} 1")
                .contains("gen_ai_client_operation_time_to_first_chunk_seconds_count{" + labels + "} 1")
                .contains("gen_ai_client_token_usage_sum{" + labels + ",gen_ai_token_type=\"input\"} 2000.0")
                .contains("gen_ai_client_token_usage_sum{" + labels + ",gen_ai_token_type=\"output\"} 30.0")
                .contains("switchboard_gen_ai_cost_usd_total{" + labels + "} 2.0")
                .contains("switchboard_gen_ai_requests_total{cache_hit=\"false\"," + labels + ",outcome=\"error\"} 1.0")
                .contains("switchboard_telemetry_alerts_firing{severity=\"critical\"}")
                .contains("switchboard_gen_ai_unpriced_requests_total{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\""
                        + provider + "\",gen_ai_request_model=\"unpriced\"} 1.0")
                .contains("switchboard_gen_ai_cached_input_tokens_total{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\""
                        + provider + "\",gen_ai_request_model=\"unpriced\"} 40.0");
    }

    @Test
    void theOperationNameIsTheEventsOperationUnderTheConventionsNames() {
        String provider = Event.unique("operations");
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000", null, "0", "catalog")));
        ingestor.ingest(Event.of(provider, "m").operation(Operation.EMBEDDINGS).tokens(1000, 0, 0).build());
        ingestor.ingest(Event.of(provider, "m").operation(Operation.RESPONSES).build());
        ingestor.ingest(Event.of(provider, "m").operation(Operation.MESSAGES).build());

        String metrics = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        String embeddings = "gen_ai_operation_name=\"embeddings\",gen_ai_provider_name=\"" + provider
                + "\",gen_ai_request_model=\"m\"";
        String chat = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"" + provider
                + "\",gen_ai_request_model=\"m\"";
        assertThat(metrics)
                .contains("switchboard_gen_ai_requests_total{cache_hit=\"false\"," + embeddings + ",outcome=\"success\"} 1.0")
                .contains("switchboard_gen_ai_cost_usd_total{" + embeddings + "} 1.0")
                .contains("gen_ai_client_token_usage_sum{" + embeddings + ",gen_ai_token_type=\"input\"} 1000.0")
                // Responses and Messages calls are conversations: the conventions call them chat.
                .contains("switchboard_gen_ai_requests_total{cache_hit=\"false\"," + chat + ",outcome=\"success\"} 2.0");
    }

    @Test
    void eachAttemptsTimeIsSplitIntoPhasesWithTheGatewaysOverheadBeside() {
        String provider = Event.unique("split");
        // 2 ms in the router, 3 on the way to the adapter, 1 to connect, the provider 40 to first and 100 to last
        // token, the adapter 5 of its own, 4 on the way back: 15 ms of overhead.
        ingestor.ingest(Event.of(provider, "m").latency(106).ttft(41).build().toBuilder()
                .timings(new AttemptTimings(2L, 3L, 1L, 40L, 100L, 4L)).build());

        String metrics = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        String labels = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"" + provider + "\",gen_ai_request_model=\"m\"";
        assertThat(metrics)
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"router\"} 0.002")
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"to_adapter\"} 0.003")
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"connect\"} 0.001")
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"first_token\"} 0.04")
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"last_token\"} 0.1")
                .contains("switchboard_attempt_phase_seconds_sum{" + labels + ",phase=\"back\"} 0.004")
                .contains("switchboard_gateway_overhead_seconds_sum{" + labels + "} 0.015")
                .contains("switchboard_gateway_overhead_seconds_bucket{" + labels + ",le=\"0.016\"} 1")
                .contains("gen_ai_server_time_to_first_token_seconds_sum{" + labels + "} 0.05");
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExposed() throws Exception {
        // One priced and one unpriced event, so both counters exist whichever test of this class runs first.
        String provider = Event.unique("grafana");
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1", null, "1", "catalog")));
        ingestor.ingest(Event.of(provider, "m").ttft(20).tokens(10, 5, 5).build().toBuilder()
                .timings(new AttemptTimings(1L, 1L, 0L, 10L, 50L, 1L)).build());
        ingestor.ingest(Event.of(provider, "unpriced").tokens(10, 5, 5).build());
        String dashboard = Files.readString(GRAFANA);
        Matcher names = Pattern.compile("\\b((?:gen_ai|switchboard)_[a-z_]+)\\b").matcher(dashboard);
        Set<String> metrics = new TreeSet<>();
        while (names.find()) {
            metrics.add(names.group(1));
        }
        metrics.removeAll(LABELS);
        assertThat(metrics).hasSizeGreaterThan(8);

        String exposed = given().port(management.getPort()).when().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics).allSatisfy(metric -> assertThat(exposed).as(metric).containsPattern("(?m)^" + metric + "[{ ]"));
    }
}
