package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.TopicSpec;
import dev.switchboard.contracts.Topics;

/** Kafka runs in KRaft with node pools, and every topic of the contracts exists as its KafkaTopic, replicated to fit. */
class KafkaTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyContractTopicHasItsKafkaTopicAndNoOtherExists(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        Map<String, JsonNode> topics = topics(manifests);
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(TopicSpec::name).toList());
        for (TopicSpec contract : Topics.all()) {
            JsonNode topic = topics.get(contract.name());
            JsonNode config = topic.path("spec").path("config");
            // More partitions than the contract's defaults are an operator's choice; the scaling checks use the actual count.
            assertThat(topic.path("spec").path("partitions").asInt()).as(contract.name())
                    .isGreaterThanOrEqualTo(contract.partitions());
            assertThat(config.path("cleanup.policy").asText()).as(contract.name())
                    .isEqualTo(contract.compacted() ? "compact" : "delete");
            if (!contract.compacted()) {
                assertThat(config.path("retention.ms").asLong()).as(contract.name() + " retention.ms")
                        .isEqualTo(contract.retention().toMillis());
            }
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(contract.name())
                    .isEqualTo(Manifests.name(manifests.kafka()));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void replicationFitsTheBrokersAndSurvivesLosingOne(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        int brokers = nodes(manifests, "broker");
        JsonNode kafkaConfig = manifests.kafka().path("spec").path("kafka").path("config");
        for (String setting : new String[] { "default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor" }) {
            assertThat(kafkaConfig.path(setting).asInt()).as(setting).isBetween(1, brokers);
        }
        for (Map.Entry<String, JsonNode> topic : topics(manifests).entrySet()) {
            int replicas = topic.getValue().path("spec").path("replicas").asInt();
            int minInSync = topic.getValue().path("spec").path("config").path("min.insync.replicas")
                    .asInt(kafkaConfig.path("min.insync.replicas").asInt(1));
            assertThat(replicas).as(topic.getKey() + " replicas").isBetween(1, brokers);
            assertThat(minInSync).as(topic.getKey() + " min.insync.replicas").isBetween(1, Math.max(1, replicas - 1));
            if (overlay.production()) {
                assertThat(replicas).as(topic.getKey() + " replicas in production").isGreaterThanOrEqualTo(3);
                assertThat(minInSync).as(topic.getKey() + " min.insync.replicas in production").isGreaterThanOrEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theClusterRunsInKraftWithNodePoolsAndATopicOperator(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        ObjectNode kafka = manifests.kafka();
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        assertThat(kafka.path("spec").has("zookeeper")).isFalse();
        assertThat(kafka.path("spec").path("entityOperator").has("topicOperator")).as("topic operator").isTrue();
        for (JsonNode pool : manifests.ofKind("KafkaNodePool")) {
            assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(Manifests.name(pool))
                    .isEqualTo(Manifests.name(kafka));
        }
        int controllers = nodes(manifests, "controller");
        assertThat(controllers % 2).as("an odd number of KRaft controllers").isEqualTo(1);
        if (overlay.production()) {
            assertThat(controllers).as("controllers in production").isGreaterThanOrEqualTo(3);
        }
        assertThat(plainListenerPort(manifests)).isPositive();
    }

    /** The port of the internal listener without TLS, the one the services' bootstrap address uses. */
    static int plainListenerPort(Manifests manifests) {
        for (JsonNode listener : manifests.kafka().path("spec").path("kafka").path("listeners")) {
            if (listener.path("type").asText().equals("internal") && !listener.path("tls").asBoolean()) {
                return listener.path("port").asInt();
            }
        }
        throw new AssertionError("no internal listener without TLS");
    }

    /** The topics by their Kafka name, which is the resource name unless spec.topicName says otherwise. */
    static Map<String, JsonNode> topics(Manifests manifests) {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode topic : manifests.ofKind("KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asText(Manifests.name(topic)), topic);
        }
        return topics;
    }

    private static int nodes(Manifests manifests, String role) {
        int nodes = 0;
        for (JsonNode pool : manifests.ofKind("KafkaNodePool")) {
            for (JsonNode poolRole : pool.path("spec").path("roles")) {
                if (poolRole.asText().equals(role)) {
                    nodes += pool.path("spec").path("replicas").asInt();
                }
            }
        }
        return nodes;
    }
}
