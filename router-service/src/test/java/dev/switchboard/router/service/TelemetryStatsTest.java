package dev.switchboard.router.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.client.TelemetryApi;
import dev.switchboard.router.client.TelemetryApi.ModelLatency;
import dev.switchboard.router.client.TelemetryClient;

/** Measured latency is trusted only once enough answers back it; until then the latency tier stands in. */
class TelemetryStatsTest {

    @Test
    void measuredLatencyNeedsEnoughAnswersNotJustAttempts() {
        List<ModelLatency> lastHour = List.of(
                new ModelLatency("openai", "measured", 6, 120.0),
                // Twenty attempts, every one cancelled by its client: no answer, so no latency worth the name.
                new ModelLatency("openai", "all-cancelled", 0, null),
                // Answers counted in rollup rows stored before telemetry kept latency histograms: no latency yet.
                new ModelLatency("openai", "untimed", 9, null));
        TelemetryApi api = minutes -> new TelemetryApi.Latency(minutes == 60 ? lastHour : List.of());
        TelemetryStats stats = new TelemetryStats(new TelemetryClient(api));
        stats.refresh();

        assertThat(stats.expectedLatencyMs(model("measured"))).isEqualTo(120);
        assertThat(stats.expectedLatencyMs(model("all-cancelled"))).isEqualTo(800);
        assertThat(stats.expectedLatencyMs(model("untimed"))).isEqualTo(800);
        assertThat(stats.expectedLatencyMs(model("unseen"))).isEqualTo(800);
    }

    private static CatalogModel model(String modelId) {
        return new CatalogModel("openai/" + modelId, "openai", modelId, List.of("text"), true, 128_000, null, true, true, false,
                "fast",
                "standard", null);
    }
}
