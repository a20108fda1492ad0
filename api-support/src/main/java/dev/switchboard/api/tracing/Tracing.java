package dev.switchboard.api.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

/**
 * The tracer Switchboard's own spans come from. With the SDK off (no OTLP endpoint, see {@link TracingSwitch}) it is
 * the API's no-op tracer, whose spans cost nothing and carry their parent's context on unchanged, so trace ids still
 * travel through Kafka and into usage.
 */
@ApplicationScoped
public class Tracing {

    static final String INSTRUMENTATION = "dev.switchboard";

    private final boolean enabled;
    private final Tracer tracer;

    public Tracing(OpenTelemetry openTelemetry, @ConfigProperty(name = TracingSwitch.SDK_DISABLED) boolean disabled) {
        this.enabled = !disabled;
        this.tracer = (enabled ? openTelemetry : OpenTelemetry.noop()).getTracer(INSTRUMENTATION);
    }

    /** Whether spans are recorded and exported. */
    public boolean enabled() {
        return enabled;
    }

    public Tracer tracer() {
        return tracer;
    }
}
