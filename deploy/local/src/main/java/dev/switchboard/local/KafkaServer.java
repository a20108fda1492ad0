package dev.switchboard.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real single-node Apache Kafka broker in KRaft mode, running inside this JVM on loopback. It can be stopped and
 * started again on the same port and log directory, as a broker outage would be.
 */
public final class KafkaServer implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final int port;
    private final Path logDirectory;
    private final boolean temporary;

    private KafkaServer(EmbeddedKafkaBroker broker, int port, Path logDirectory, boolean temporary) {
        this.broker = broker;
        this.port = port;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
    }

    /** Starts a broker on the given port (a free one when 0) whose log is a temporary directory, removed on close. */
    public static KafkaServer start(int port) {
        return start(port, null);
    }

    /**
     * Starts a broker on the given port (a free one when 0). With a log directory, every topic's records and committed
     * offsets outlive the broker; without one, a temporary directory is used and removed on close.
     */
    public static KafkaServer start(int port, Path logDirectory) {
        int kafkaPort = port == 0 ? Ports.free() : port;
        boolean temporary = logDirectory == null;
        Path directory;
        try {
            directory = temporary ? Files.createTempDirectory("switchboard-kafka") : Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the Kafka log directory", e);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withClusterId(clusterId(directory))
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                // Kept for the life of this object, so that a restart finds the quorum where it left it.
                .withControllerPort(Ports.free())
                // Removed by close() when temporary; a stop() before a restart must keep it.
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(properties -> {
                    properties.put("log.dir", directory.toString());
                    // Kafka's default: the high watermarks are written down every 5 s, not only at a clean shutdown.
                    properties.put("replica.high.watermark.checkpoint.interval.ms", "5000");
                    // A stop tells the controller, so a restart need not wait out the old registration's 9 s session.
                    properties.put("controlled.shutdown.enable", "true");
                    // Topics are created on purpose, with their documented partition counts, never by accident.
                    properties.put("auto.create.topics.enable", "false");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    properties.put("offsets.topic.num.partitions", "5");
                    // One machine with a few cores: fewer request threads mean fewer context switches per message.
                    properties.put("num.network.threads", "2");
                    properties.put("num.io.threads", "2");
                });
        KafkaServer server = new KafkaServer(broker, kafkaPort, directory, temporary);
        try {
            broker.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    public boolean isRunning() {
        return broker.isRunning();
    }

    /** Shuts the broker down cleanly and frees its port; its log stays for {@link #restart()}. */
    public void stop() {
        broker.close();
    }

    /** Starts the broker again on the same port and log directory (stopping it first when it runs). */
    public void restart() {
        if (broker.isRunning()) {
            stop();
        }
        broker.start();
    }

    @Override
    public void close() {
        broker.close();
        if (temporary) {
            Directories.deleteRecursively(logDirectory);
        }
    }

    /** The id the log directory was formatted with, which the broker must keep; a new one for an empty directory. */
    private static String clusterId(Path directory) {
        Path meta = directory.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(meta)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + meta, e);
            }
            String id = properties.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }
}
