package dev.switchboard.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** What one overlay deploys: the assembled resources, as fabric8 model objects where Kubernetes defines the kind. */
final class Manifests {

    private final List<ObjectNode> resources;
    private final Map<Class<?>, List<?>> typed = new ConcurrentHashMap<>();

    Manifests(List<ObjectNode> resources) {
        this.resources = List.copyOf(resources);
    }

    List<ObjectNode> all() {
        return resources;
    }

    List<ObjectNode> ofKind(String kind) {
        return resources.stream().filter(resource -> resource.get("kind").asText().equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(resource -> name(resource).equals(name)).findFirst();
    }

    /** The resources of a kind as model objects, converted once; the checks only read them. */
    @SuppressWarnings("unchecked")
    <T> List<T> typed(String kind, Class<T> type) {
        return (List<T>) typed.computeIfAbsent(type,
                key -> ofKind(kind).stream().map(resource -> Yaml.MAPPER.convertValue(resource, type)).toList());
    }

    List<Workload> workloads() {
        return Stream.concat(typed("Deployment", Deployment.class).stream().map(Workload::of),
                typed("StatefulSet", StatefulSet.class).stream().map(Workload::of)).toList();
    }

    Workload workload(String name) {
        return workloads().stream().filter(workload -> workload.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    List<Service> services() {
        return typed("Service", Service.class);
    }

    Optional<ConfigMap> configMap(String name) {
        return typed("ConfigMap", ConfigMap.class).stream().filter(map -> map.getMetadata().getName().equals(name))
                .findFirst();
    }

    Optional<Secret> secret(String name) {
        return typed("Secret", Secret.class).stream().filter(secret -> secret.getMetadata().getName().equals(name))
                .findFirst();
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return typed("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return typed("PodDisruptionBudget", PodDisruptionBudget.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return typed("NetworkPolicy", NetworkPolicy.class);
    }

    /** The one Kafka cluster; the services' bootstrap address and the topics' cluster label name it. */
    ObjectNode kafka() {
        List<ObjectNode> clusters = ofKind("Kafka");
        if (clusters.size() != 1) {
            throw new AssertionError("expected one Kafka, found " + clusters.size());
        }
        return clusters.get(0);
    }

    /** The one CloudNativePG cluster. */
    ObjectNode postgres() {
        List<ObjectNode> clusters = ofKind("Cluster");
        if (clusters.size() != 1) {
            throw new AssertionError("expected one PostgreSQL Cluster, found " + clusters.size());
        }
        return clusters.get(0);
    }

    String namespace() {
        return name(ofKind("Namespace").get(0));
    }

    static String name(JsonNode resource) {
        return resource.path("metadata").path("name").asText();
    }
}
