package dev.switchboard.local;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/** A real single-node Apache Kafka broker in KRaft mode, running inside this JVM on loopback. */
public final class KafkaServer implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final int port;

    private KafkaServer(EmbeddedKafkaBroker broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    /** Starts a broker on the given port, or on a free one when the port is 0. */
    public static KafkaServer start(int port) {
        int kafkaPort = port == 0 ? Ports.free() : port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(Ports.free())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(properties -> {
                    // Topics are created on purpose, with their documented partition counts, never by accident.
                    properties.put("auto.create.topics.enable", "false");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    properties.put("offsets.topic.num.partitions", "5");
                    // One machine with a few cores: fewer request threads mean fewer context switches per message.
                    properties.put("num.network.threads", "2");
                    properties.put("num.io.threads", "2");
                });
        broker.start();
        return new KafkaServer(broker, kafkaPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        broker.close();
    }
}
