package dev.switchboard.telemetry.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.switchboard.local.testing.OtlpTestResource;

/** Tracing on, exported to an in-JVM OTLP receiver. */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OtlpTestResource.class));
    }
}
