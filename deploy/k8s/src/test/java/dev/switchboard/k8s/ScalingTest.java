package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import dev.switchboard.contracts.Topics;

/** Replicas, autoscalers and disruption budgets, with no workload scaled past the partitions it reads. */
class ScalingTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void autoscalersTargetAWorkloadOnCpuWithinItsPartitions(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (HorizontalPodAutoscaler autoscaler : manifests.autoscalers()) {
            var target = autoscaler.getSpec().getScaleTargetRef();
            Workload workload = manifests.workload(target.getName());
            String id = "HorizontalPodAutoscaler/" + autoscaler.getMetadata().getName();
            assertThat(target.getKind()).as(id).isEqualTo(workload.kind());
            assertThat(autoscaler.getSpec().getMetrics()).as(id).anyMatch(metric -> metric.getResource() != null
                    && metric.getResource().getName().equals("cpu")
                    && metric.getResource().getTarget().getType().equals("Utilization"));
            assertThat(workload.containers()).as(id + ": utilization needs a CPU request")
                    .allMatch(container -> container.getResources().getRequests().containsKey("cpu"));
            assertThat(autoscaler.getSpec().getMinReplicas()).as(id).isBetween(1, autoscaler.getSpec().getMaxReplicas());
            assertThat(autoscaler.getSpec().getMaxReplicas()).as(id).isLessThanOrEqualTo(partitions(manifests, workload));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void scaledObjectsWatchTheLagOfTheirAdaptersTopicAndGroup(Overlay overlay) throws IOException {
        Manifests manifests = overlay.manifests();
        String bootstrap = Manifests.name(manifests.kafka()) + "-kafka-bootstrap." + manifests.namespace() + ".svc:"
                + KafkaTest.plainListenerPort(manifests);
        for (JsonNode scaledObject : manifests.ofKind("ScaledObject")) {
            String id = "ScaledObject/" + Manifests.name(scaledObject);
            Workload adapter = manifests.workload(scaledObject.path("spec").path("scaleTargetRef").path("name").asText());
            assertThat(adapter.adapter()).as(id).isTrue();
            JsonNode kafka = trigger(scaledObject, "kafka").orElseThrow(() -> new AssertionError(id + " has no kafka trigger"));
            assertThat(kafka.path("topic").asText()).as(id).isEqualTo(Topics.requests(adapter.provider()));
            assertThat(kafka.path("consumerGroup").asText()).as(id).isEqualTo(adapterConsumerGroup());
            assertThat(kafka.path("bootstrapServers").asText()).as(id).isEqualTo(bootstrap);
            assertThat(scaledObject.path("spec").path("maxReplicaCount").asInt()).as(id)
                    .isLessThanOrEqualTo(partitions(manifests, adapter));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void anAutoscaledWorkloadHasOneAutoscalerAndNoReplicaCountOfItsOwn(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Workload workload : manifests.workloads()) {
            long autoscalers = autoscalerCount(manifests, workload);
            assertThat(autoscalers).as(workload + " autoscalers").isLessThanOrEqualTo(1);
            if (autoscalers == 1) {
                assertThat(workload.replicas()).as(workload + ": a replica count resets the autoscaler at each apply")
                        .isNull();
            } else {
                assertThat(Objects.requireNonNullElse(workload.replicas(), 1)).as(workload + " replicas")
                        .isLessThanOrEqualTo(partitions(manifests, workload));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = "DEV")
    void devRunsOneReplicaOfEachService(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        assertThat(manifests.workloads()).allMatch(workload -> Objects.equals(workload.replicas(), 1));
        assertThat(manifests.autoscalers()).isEmpty();
        assertThat(manifests.ofKind("ScaledObject")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Overlay.class, names = "DEV", mode = EnumSource.Mode.EXCLUDE)
    void prodKeepsEveryServiceUpThroughTheLossOfANode(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Workload workload : manifests.workloads()) {
            assertThat(minimumReplicas(manifests, workload)).as(workload + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(manifests.disruptionBudgets()).as(workload + " disruption budget")
                    .filteredOn(budget -> Selectors.matches(budget.getSpec().getSelector(), workload.podLabels())).hasSize(1);
            List<LabelSelector> spread = antiAffinity(workload, "kubernetes.io/hostname");
            assertThat(spread).as(workload + " spreads over nodes").isNotEmpty();
            for (LabelSelector selector : spread) {
                assertThat(Selectors.matches(selector, workload.podLabels())).as(workload + " anti-affinity selects its pods")
                        .isTrue();
                assertThat(manifests.workloads()).as(workload + " anti-affinity selects only its pods")
                        .filteredOn(other -> !other.name().equals(workload.name())
                                && Selectors.matches(selector, other.podLabels()))
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyDisruptionBudgetCoversExactlyOneWorkload(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (PodDisruptionBudget budget : manifests.disruptionBudgets()) {
            assertThat(manifests.workloads()).as("PodDisruptionBudget/" + budget.getMetadata().getName())
                    .filteredOn(workload -> Selectors.matches(budget.getSpec().getSelector(), workload.podLabels()))
                    .hasSize(1);
        }
    }

    /** The partitions a workload's replicas divide among themselves; the registry reads none. */
    static int partitions(Manifests manifests, Workload workload) {
        String topic = switch (workload.component()) {
            case "router" -> Topics.REPLIES;
            case "telemetry" -> Topics.USAGE;
            case Workload.ADAPTER -> Topics.requests(workload.provider());
            default -> null;
        };
        return topic == null ? Integer.MAX_VALUE
                : KafkaTest.topics(manifests).get(topic).path("spec").path("partitions").asInt();
    }

    /** The consumer group of the adapters' request channel, as provider-adapters configures it. */
    private static String adapterConsumerGroup() throws IOException {
        Path file = Overlay.root().resolve("../../provider-adapters/src/main/resources/application.properties").normalize();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties.getProperty("mp.messaging.incoming.completion-requests.group.id");
    }

    private static long autoscalerCount(Manifests manifests, Workload workload) {
        long autoscalers = manifests.autoscalers().stream()
                .filter(autoscaler -> autoscaler.getSpec().getScaleTargetRef().getName().equals(workload.name())).count();
        return autoscalers + manifests.ofKind("ScaledObject").stream().filter(scaledObject -> scaledObject.path("spec")
                .path("scaleTargetRef").path("name").asText().equals(workload.name())).count();
    }

    private static int minimumReplicas(Manifests manifests, Workload workload) {
        for (HorizontalPodAutoscaler autoscaler : manifests.autoscalers()) {
            if (autoscaler.getSpec().getScaleTargetRef().getName().equals(workload.name())) {
                return autoscaler.getSpec().getMinReplicas();
            }
        }
        for (JsonNode scaledObject : manifests.ofKind("ScaledObject")) {
            if (scaledObject.path("spec").path("scaleTargetRef").path("name").asText().equals(workload.name())) {
                return scaledObject.path("spec").path("minReplicaCount").asInt();
            }
        }
        return Objects.requireNonNullElse(workload.replicas(), 1);
    }

    private static List<LabelSelector> antiAffinity(Workload workload, String topologyKey) {
        var affinity = workload.pod().getAffinity();
        if (affinity == null || affinity.getPodAntiAffinity() == null) {
            return List.of();
        }
        return Objects.requireNonNullElse(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(),
                List.<WeightedPodAffinityTerm> of()).stream().map(WeightedPodAffinityTerm::getPodAffinityTerm)
                .filter(term -> term.getTopologyKey().equals(topologyKey)).map(term -> term.getLabelSelector()).toList();
    }

    private static Optional<JsonNode> trigger(JsonNode scaledObject, String type) {
        for (JsonNode trigger : scaledObject.path("spec").path("triggers")) {
            if (trigger.path("type").asText().equals(type)) {
                return Optional.of(trigger.path("metadata"));
            }
        }
        return Optional.empty();
    }
}
