package dev.switchboard.registry.governance;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Topics;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.registry.governance.messaging.UsageSpendConsumer;

/**
 * The usage consumer books spend only from the events whose header names a managed key (or that have no such header, as
 * an older adapter sent them); the rest are passed over without being read or touching the database.
 */
@QuarkusTest
class UsageSpendTests {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    /** Partitions of their own, far from the test topic's real ones, so each test's positions are its own. */
    private static final AtomicInteger PARTITIONS = new AtomicInteger(5_000);

    @Inject
    UsageSpendConsumer consumer;

    @Inject
    EntityManager db;

    @Test
    void eventsOfCallsWithoutAManagedKeyAreNeitherReadNorBooked() throws Exception {
        int partition = PARTITIONS.incrementAndGet();
        byte[] unreadable = "not json: reading it would have been a mistake".getBytes(StandardCharsets.UTF_8);

        consumer.consume(batch(partition, record(partition, 0, unreadable, ""), record(partition, 1, unreadable, "")));

        assertThat(countedUpTo(partition)).as("no position stored for a batch without spend").isNull();

        String key = key();
        consumer.consume(batch(partition, record(partition, 2, unreadable, ""),
                record(partition, 3, JSON.writeValueAsBytes(usage(key)), key)));

        assertThat(countedUpTo(partition)).isEqualTo(4);
        asAdmin().when().get("/admin/keys/" + key).then().statusCode(200).body("spendUsd", is(0.15f));
    }

    @Test
    void anOlderAdaptersEventWithoutTheHeaderIsReadForItsKey() throws Exception {
        int partition = PARTITIONS.incrementAndGet();
        String key = key();

        consumer.consume(batch(partition, record(partition, 0, JSON.writeValueAsBytes(usage(key)), null)));

        assertThat(countedUpTo(partition)).isEqualTo(1);
        asAdmin().when().get("/admin/keys/" + key).then().statusCode(200).body("spendUsd", is(0.15f));
    }

    private Long countedUpTo(int partition) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                "SELECT next_offset FROM usage_offset WHERE topic_partition = ?1").setParameter(1, partition)
                .getResultList());
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    private static String key() {
        return asAdmin().body("{\"name\":\"spend-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"maxBudgetUsd\":5}").when().post("/admin/keys").then().statusCode(201).extract().path("id");
    }

    /** 1M input tokens of openai/gpt-4o-mini, at $0.15. */
    private static UsageEvent usage(String keyId) {
        return UsageEvent.builder("req_" + UUID.randomUUID(), 1).timestamp(Instant.now()).provider("openai")
                .model("gpt-4o-mini").outcome(Outcome.SUCCESS).latencyMs(10).tokens(1_000_000, 0, 0).apiKeyId(keyId)
                .build();
    }

    @SafeVarargs
    private static ConsumerRecords<String, byte[]> batch(int partition, ConsumerRecord<String, byte[]>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.USAGE, partition), List.of(records)));
    }

    /** A usage record with this header value for the key (none when null), as the adapters send it. */
    private static ConsumerRecord<String, byte[]> record(int partition, long offset, byte[] value, String keyHeader) {
        RecordHeaders headers = new RecordHeaders();
        if (keyHeader != null) {
            headers.add(new RecordHeader(MessageHeaders.API_KEY_ID, MessageHeaders.encode(keyHeader)));
        }
        return new ConsumerRecord<>(Topics.USAGE, partition, offset, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, 1, value.length, "r", value, headers, Optional.empty());
    }
}
