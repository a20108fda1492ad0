package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.contracts.TopicSpec;

/**
 * The embedded broker keeps its log where it is told, and comes back after a stop with every record and offset; its
 * topics are kept as long as their contract says.
 */
class KafkaServerTest {

    private static final String TOPIC = "switchboard.test.restart";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRecordProducedBeforeARestartIsReadAfterItAndARunningConsumerResumes() throws Exception {
        try (KafkaServer kafka = KafkaServer.start(0)) {
            TopicInitializer.createTopics(kafka.bootstrapServers(), List.of(new TopicSpec(TOPIC, 1, false)));
            try (KafkaProducer<String, String> producer = producer(kafka);
                    KafkaConsumer<String, String> service = consumer(kafka, "service")) {
                service.subscribe(List.of(TOPIC));
                producer.send(new ProducerRecord<>(TOPIC, "k", "before")).get(30, TimeUnit.SECONDS);
                assertThat(pollValues(service, 1)).containsExactly("before");
                service.commitSync();

                kafka.stop();
                assertThat(kafka.isRunning()).isFalse();
                assertThat(Ports.inUse(kafka.port())).isFalse();
                kafka.restart();

                assertThat(kafka.isRunning()).isTrue();
                producer.send(new ProducerRecord<>(TOPIC, "k", "after")).get(60, TimeUnit.SECONDS);
                // The consumer that was running all along goes on from its position: the new record, not the old one.
                assertThat(pollValues(service, 1)).containsExactly("after");
            }
            try (KafkaConsumer<String, String> reader = consumer(kafka, "reader")) {
                reader.subscribe(List.of(TOPIC));
                assertThat(pollValues(reader, 2)).containsExactly("before", "after");
            }
        }
    }

    @Test
    void aBrokerWithALogDirectoryKeepsRecordsAndCommittedOffsetsForTheNextBroker(@TempDir Path data) throws Exception {
        Path log = data.resolve("kafka");
        try (KafkaServer kafka = KafkaServer.start(0, log)) {
            TopicInitializer.createTopics(kafka.bootstrapServers(), List.of(new TopicSpec(TOPIC, 1, false)));
            try (KafkaProducer<String, String> producer = producer(kafka);
                    KafkaConsumer<String, String> service = consumer(kafka, "service")) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "first")).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(TOPIC, "k", "second")).get(30, TimeUnit.SECONDS);
                service.subscribe(List.of(TOPIC));
                assertThat(pollValues(service, 2)).containsExactly("first", "second");
                service.commitSync();
                producer.send(new ProducerRecord<>(TOPIC, "k", "third")).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(log).isDirectoryContaining(path -> path.getFileName().toString().startsWith(TOPIC));

        try (KafkaServer kafka = KafkaServer.start(0, log)) {
            // The topics are there already: creating them again is a no-op, as at every `./switchboard up`.
            TopicInitializer.createTopics(kafka.bootstrapServers(), List.of(new TopicSpec(TOPIC, 1, false)));
            try (KafkaConsumer<String, String> service = consumer(kafka, "service");
                    KafkaConsumer<String, String> reader = consumer(kafka, "reader")) {
                service.subscribe(List.of(TOPIC));
                reader.subscribe(List.of(TOPIC));
                assertThat(pollValues(service, 1)).containsExactly("third");
                assertThat(pollValues(reader, 3)).containsExactly("first", "second", "third");
            }
        }
        assertThat(log).exists();
    }

    @Test
    void aThrowawayBrokerLeavesNothingBehind() {
        Path log;
        try (KafkaServer kafka = KafkaServer.start(0)) {
            TopicInitializer.createTopics(kafka.bootstrapServers(), List.of(new TopicSpec(TOPIC, 1, false)));
            log = kafka.logDirectory();
            assertThat(Files.isDirectory(log)).isTrue();
        }
        assertThat(log).doesNotExist();
    }

    @Test
    void topicsKeepTheirRecordsAsLongAsTheContractSaysAndATopicMadeBeforeItIsBroughtInLine() throws Exception {
        String usage = "switchboard.test.usage";
        String compacted = "switchboard.test.compacted";
        try (KafkaServer kafka = KafkaServer.start(0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // A stack made before the contract had a retention: the broker's default week.
            TopicInitializer.createTopics(kafka.bootstrapServers(), List.of(new TopicSpec(TOPIC, 1, false)));
            assertThat(config(admin, TOPIC).get("retention.ms").value()).isEqualTo("604800000");

            TopicInitializer.createTopics(kafka.bootstrapServers(),
                    List.of(new TopicSpec(TOPIC, 1, false, Duration.ofHours(1)),
                            new TopicSpec(usage, 2, false, Duration.ofDays(7)), new TopicSpec(compacted, 1, true)));

            Config calls = config(admin, TOPIC);
            assertThat(calls.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(calls.get("segment.ms").value()).isEqualTo("3600000");
            Config events = config(admin, usage);
            assertThat(events.get("retention.ms").value()).isEqualTo("604800000");
            assertThat(events.get("segment.ms").value()).isEqualTo("604800000");
            assertThat(events.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(config(admin, compacted).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(usage)).allTopicNames().get(30, TimeUnit.SECONDS).get(usage)
                    .partitions()).hasSize(2);
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (values.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        // A little longer, so that a record read twice would show.
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            values.add(record.value());
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(KafkaServer kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaServer kafka, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }
}
