package dev.switchboard.adapters.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Mutiny callbacks run as they are, with no thread context captured around them (api-support's defaults): the trace
 * travels on the Vert.x context and in Kafka headers, which {@link TracingTests} checks with those defaults in force.
 */
@QuarkusTest
class CallbackContextTests {

    @Test
    void theDefaultThreadContextPropagatesNothing() {
        assertThat(SmallRyeContextManagerProvider.getManager().defaultThreadContext().getPlan().isEmpty()).isTrue();
    }

    @Test
    void mutinyLeavesACallbackUnwrapped() {
        Function<String, Integer> length = String::length;
        assertThat(Infrastructure.decorate(length)).isSameAs(length);
    }
}
