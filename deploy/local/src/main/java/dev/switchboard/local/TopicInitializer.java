package dev.switchboard.local;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.switchboard.contracts.TopicSpec;
import dev.switchboard.contracts.Topics;

/**
 * Creates Switchboard's topics with their documented partition counts and retention; a topic that exists keeps its
 * partitions and records, and gets its retention set as the contract says (a stack made before the contract had one
 * kept every request for the broker's default week).
 */
public final class TopicInitializer {

    private TopicInitializer() {
    }

    public static void createTopics(String bootstrapServers) {
        createTopics(bootstrapServers, Topics.all());
    }

    public static void createTopics(String bootstrapServers, List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(TopicInitializer::newTopic)
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            Map<ConfigResource, Collection<AlterConfigOp>> retained = topics.stream()
                    .filter(topic -> existing.contains(topic.name()) && topic.retention() != null)
                    .collect(Collectors.toMap(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                            TopicInitializer::settingsOf));
            if (!retained.isEmpty()) {
                admin.incrementalAlterConfigs(retained).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the Kafka topics: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time", e);
        }
    }

    private static NewTopic newTopic(TopicSpec spec) {
        // The broker's default replication factor applies, so the same code serves one broker or a cluster.
        return new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty()).configs(configs(spec));
    }

    /** The topic's configuration as changes to an existing topic: each entry set to the contract's value. */
    private static Collection<AlterConfigOp> settingsOf(TopicSpec spec) {
        return configs(spec).entrySet().stream()
                .map(config -> new AlterConfigOp(new ConfigEntry(config.getKey(), config.getValue()),
                        AlterConfigOp.OpType.SET))
                .toList();
    }

    private static Map<String, String> configs(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>();
        if (spec.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (spec.retention() != null) {
            String millis = Long.toString(spec.retention().toMillis());
            configs.put(TopicConfig.RETENTION_MS_CONFIG, millis);
            // Retention deletes whole segments, and a segment rolls at 1 GB or after a week by default: a quiet local
            // topic would keep everything. Rolling after one retention period keeps nothing much longer than two.
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, millis);
        }
        return configs;
    }
}
