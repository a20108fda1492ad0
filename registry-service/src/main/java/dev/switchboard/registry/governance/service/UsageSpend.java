package dev.switchboard.registry.governance.service;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.ServiceJson;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.registry.governance.SpendEvent;

/**
 * Counts a polled batch of {@code switchboard.usage} into the spend books exactly once: the batch's spend and how far
 * each partition has been counted are written in one transaction. A record that cannot be read is skipped (telemetry
 * dead-letters it); it cannot be priced.
 */
@ApplicationScoped
public class UsageSpend {

    private final EntityManager db;
    private final ObjectReader events;
    private final UsagePricer pricer;
    private final SpendRecorder recorder;

    public UsageSpend(EntityManager db, ObjectMapper mapper, UsagePricer pricer, SpendRecorder recorder) {
        this.db = db;
        this.events = ServiceJson.reading(mapper).readerFor(UsageEvent.class);
        this.pricer = pricer;
        this.recorder = recorder;
    }

    /**
     * Whether a usage record may carry spend: its {@link MessageHeaders#API_KEY_ID} header names a managed key, or it has
     * no such header (an older adapter's event), so only its body can tell.
     */
    public static boolean maySpend(ConsumerRecord<String, byte[]> record) {
        Header key = record.headers().lastHeader(MessageHeaders.API_KEY_ID);
        return key == null || key.value() != null && key.value().length > 0;
    }

    @Transactional
    public int count(List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, Position> positions = new HashMap<>();
        List<SpendEvent> spend = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Position counted = positions.computeIfAbsent(record.partition(), this::position);
            Instant time = Instant.ofEpochMilli(record.timestamp());
            if (counted != null && record.offset() < counted.nextOffset() && !time.isAfter(counted.lastTimestamp())) {
                continue;
            }
            positions.put(record.partition(), new Position(record.offset() + 1,
                    counted == null || time.isAfter(counted.lastTimestamp()) ? time : counted.lastTimestamp()));
            UsageEvent event = read(record);
            if (event != null && event.apiKeyId() != null) {
                spend.add(spendOf(event));
            }
        }
        recorder.record(spend);
        positions.forEach(this::save);
        return spend.size();
    }

    /** The call counts in the period its budget was reserved in, against the leases it was reserved from. */
    private SpendEvent spendOf(UsageEvent event) {
        Attribution attribution = event.attribution();
        if (attribution == null) {
            return new SpendEvent(event.apiKeyId(), null, null, event.timestamp(), pricer.cost(event));
        }
        return new SpendEvent(event.apiKeyId(), attribution.teamId(), attribution.leaseHolder(),
                attribution.reservedAt() != null ? attribution.reservedAt() : event.timestamp(), pricer.cost(event));
    }

    private UsageEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            UsageEvent event = record.value() == null ? null : events.readValue(record.value());
            return event != null && event.timestamp() != null ? event : null;
        } catch (IOException e) {
            Log.debugf("Usage record %d@%d is unreadable, not counted: %s", record.offset(), record.partition(),
                    e.getMessage());
            return null;
        }
    }

    private Position position(int partition) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = db.createNativeQuery("SELECT next_offset, last_timestamp FROM usage_offset "
                + "WHERE topic_partition = ?1").setParameter(1, partition).getResultList();
        return rows.isEmpty() ? null
                : new Position(((Number) rows.get(0)[0]).longValue(), LeaseRows.instant(rows.get(0)[1]));
    }

    private void save(int partition, Position position) {
        db.createNativeQuery("INSERT INTO usage_offset (topic_partition, next_offset, last_timestamp) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (topic_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, "
                + "last_timestamp = EXCLUDED.last_timestamp")
                .setParameter(1, partition).setParameter(2, position.nextOffset())
                .setParameter(3, Timestamp.from(position.lastTimestamp())).executeUpdate();
    }

    private record Position(long nextOffset, Instant lastTimestamp) {
    }
}
