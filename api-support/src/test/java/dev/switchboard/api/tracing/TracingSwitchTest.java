package dev.switchboard.api.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class TracingSwitchTest {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    @Test
    void theSdkIsOffWhenNoEndpointIsConfigured() {
        assertThat(sdkDisabled(Map.of())).isTrue();
    }

    @Test
    void anEndpointTurnsTheSdkOn() {
        assertThat(sdkDisabled(Map.of(ENDPOINT, "http://collector:4317"))).isFalse();
        assertThat(sdkDisabled(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://collector:4318"))).isFalse();
    }

    @Test
    void anExplicitSettingWinsEitherWay() {
        assertThat(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "false"))).isFalse();
        assertThat(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "true", ENDPOINT, "http://collector:4317"))).isTrue();
    }

    @Test
    void aBlankEndpointIsNoEndpoint() {
        assertThat(sdkDisabled(Map.of(ENDPOINT, " "))).isTrue();
    }

    private static boolean sdkDisabled(Map<String, String> configured) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(configured, "test", 250))
                // Quarkus' own default, which only a configured value may override.
                .withDefaultValue(TracingSwitch.SDK_DISABLED, "false")
                .withInterceptors(new TracingSwitch())
                .build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}
