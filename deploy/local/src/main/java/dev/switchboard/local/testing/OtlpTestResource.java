package dev.switchboard.local.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.local.OtlpReceiver;

/**
 * Starts an in-JVM OTLP receiver and points the service's exporter at it, which turns tracing on; spans are exported
 * within 50 ms, so a test awaits them briefly. Tests read the spans through {@link #receiver()}.
 */
public class OtlpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile OtlpReceiver receiver;

    public static OtlpReceiver receiver() {
        return receiver;
    }

    @Override
    public Map<String, String> start() {
        receiver = OtlpReceiver.keeping();
        return Map.of(
                "quarkus.otel.exporter.otlp.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
