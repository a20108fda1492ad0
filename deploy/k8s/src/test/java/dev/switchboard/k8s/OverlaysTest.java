package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Each overlay builds, uses only current API versions, names everything the same way and misspells no field. */
class OverlaysTest {

    /** Kubernetes kinds by API version, with their model class. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    /** The operators' kinds, in the API versions of Strimzi 0.45+, CloudNativePG 1.25+ and KEDA 2. */
    private static final Set<String> CUSTOM = Set.of("kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database", "keda.sh/v1alpha1/ScaledObject");
    /** What each apply step of deploy/README.md brings up, by kind. */
    private static final Map<String, String> LAYERS = Map.of("Namespace", "setup", "ConfigMap", "setup", "Secret",
            "setup", "Kafka", "infra", "KafkaNodePool", "infra", "KafkaTopic", "infra", "Cluster", "infra", "Database",
            "infra");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyKindIsKnownInACurrentApiVersion(Overlay overlay) {
        for (ObjectNode resource : overlay.manifests().all()) {
            String type = resource.get("apiVersion").asText() + "/" + resource.get("kind").asText();
            assertThat(MODELS.containsKey(type) || CUSTOM.contains(type)).as(type + " " + Manifests.name(resource))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noResourceHasAFieldItsModelDoesNotKnow(Overlay overlay) {
        for (ObjectNode resource : overlay.manifests().all()) {
            Class<?> model = MODELS.get(resource.get("apiVersion").asText() + "/" + resource.get("kind").asText());
            if (model != null) {
                assertThat(UnknownFields.in(Yaml.MAPPER.convertValue(resource, model)))
                        .as(ResourceId.of(resource).toString()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everythingIsInTheSwitchboardNamespace(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        assertThat(manifests.ofKind("Namespace")).hasSize(1);
        for (ObjectNode resource : manifests.all()) {
            if (!resource.get("kind").asText().equals("Namespace")) {
                assertThat(resource.path("metadata").path("namespace").asText()).as(ResourceId.of(resource).toString())
                        .isEqualTo(manifests.namespace());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyResourceHasTheRecommendedLabelsAndItsApplyStep(Overlay overlay) {
        for (ObjectNode resource : overlay.manifests().all()) {
            JsonNode labels = resource.path("metadata").path("labels");
            String id = ResourceId.of(resource).toString();
            assertThat(labels.path(Workload.PART_OF).asText()).as(id).isEqualTo("switchboard");
            assertThat(labels.path(Workload.NAME).asText()).as(id).isNotBlank();
            assertThat(labels.path(Workload.COMPONENT).asText()).as(id).isNotBlank();
            assertThat(labels.path("switchboard.dev/layer").asText()).as(id)
                    .isEqualTo(LAYERS.getOrDefault(resource.get("kind").asText(), "services"));
        }
    }
}
