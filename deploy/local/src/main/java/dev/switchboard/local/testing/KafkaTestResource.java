package dev.switchboard.local.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.local.KafkaServer;
import dev.switchboard.local.TopicInitializer;

/** Starts the same embedded Kafka broker the local stack uses, with every Switchboard topic created. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaServer last;
    private KafkaServer kafka;

    /** The broker this resource started last, for a test that stops it and starts it again as an outage would. */
    public static KafkaServer broker() {
        return last;
    }

    @Override
    public Map<String, String> start() {
        kafka = KafkaServer.start(0);
        last = kafka;
        TopicInitializer.createTopics(kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
