package dev.switchboard.telemetry.testing;

import io.quarkus.test.common.QuarkusTestResource;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;

/**
 * The servers every test shares, declared once for one Quarkus start: embedded PostgreSQL and Kafka, and the stub
 * registry with its webhook receiver.
 */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServers.class, restrictToAnnotatedClass = false)
public final class TestResources {

    private TestResources() {
    }
}
