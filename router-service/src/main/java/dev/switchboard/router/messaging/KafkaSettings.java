package dev.switchboard.router.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client settings of the request path, tuned for latency as measured in the README's benchmark section. */
final class KafkaSettings {

    private KafkaSettings() {
    }

    static Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-router-requests");
        // Send at once, but with one produce request in flight: requests made meanwhile wait for it and share the next
        // send. Idle, that adds nothing; under load it batches by itself, which is what lets the broker and both ends
        // keep up (a fixed linger.ms would add its delay at every load). acks=all with idempotence keeps a request from
        // being lost or duplicated by a retry.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return settings;
    }

    static Map<String, Object> replyConsumer(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-router-replies");
        // Assigned, not subscribed: no group, no rebalances and no commits; a replica only wants replies from now on.
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return settings;
    }
}
