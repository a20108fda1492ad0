package dev.switchboard.telemetry.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.ReceivedSpan;
import dev.switchboard.local.testing.OtlpTestResource;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;
import dev.switchboard.telemetry.testing.TracingProfile;

/**
 * Storing a usage event is a span in the trace of the call it describes, parented by the record's
 * {@code traceparent}; the stored attempt keeps its trace id and timings, which the export shows.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class UsageTracingTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
    private static final String ADAPTER_SPAN = "eee19b7ec3c1b174";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void storingAnEventContinuesItsTraceAndKeepsTheTraceIdAndTimings() throws Exception {
        String provider = Event.unique("traced");
        UsageEvent event = Event.of(provider, "m").build().toBuilder().traceId(TRACE_ID)
                .timings(new AttemptTimings(1L, 2L, 3L, 40L, 90L, 4L)).build();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.USAGE, event.requestId(),
                    mapper.writeValueAsString(event));
            record.headers().add(MessageHeaders.TRACEPARENT,
                    MessageHeaders.encode("00-" + TRACE_ID + "-" + ADAPTER_SPAN + "-01"));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }

        ReceivedSpan stored = await().atMost(WAIT).until(() -> OtlpTestResource.receiver().trace(TRACE_ID).stream()
                .filter(span -> span.name().equals("store " + Topics.USAGE)).findFirst(), found -> found.isPresent())
                .get();
        assertThat(stored.parentSpanId()).isEqualTo(ADAPTER_SPAN);
        assertThat(stored.kind()).isEqualTo("CONSUMER");
        assertThat(stored.service()).isEqualTo("telemetry-service");
        assertThat(stored.attribute("messaging.message.id")).isEqualTo(event.requestId());

        String csv = Ops.given()
                .queryParam("format", "csv")
                .queryParam("provider", provider)
                .when().get("/telemetry/export")
                .then()
                .statusCode(200)
                .extract().asString();
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains("," + TRACE_ID + ",1,2,3,40,90,4,");
    }
}
