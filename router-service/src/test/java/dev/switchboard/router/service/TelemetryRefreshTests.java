package dev.switchboard.router.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.router.CatalogModel;
import dev.switchboard.router.testing.RegistryStubResource;
import dev.switchboard.router.testing.TelemetryStub;

/** The latency refresh reads telemetry's rollup-based latency over the last hour, over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = RegistryStubResource.class, restrictToAnnotatedClass = false)
class TelemetryRefreshTests {

    @Inject
    TelemetryStats stats;

    @Test
    void refreshReadsTheLastHourOfTheLatencyRead() {
        stats.refresh();

        assertThat(TelemetryStub.lastQuery).isEqualTo("minutes=60");
        assertThat(stats.expectedLatencyMs(model("measured"))).isEqualTo(321.5);
        assertThat(stats.expectedLatencyMs(model("untimed"))).isEqualTo(800);
    }

    private static CatalogModel model(String modelId) {
        return new CatalogModel("stub/" + modelId, "stub", modelId, List.of("text"), true, 128_000, null, true, true, false,
                "fast", "standard", null);
    }
}
