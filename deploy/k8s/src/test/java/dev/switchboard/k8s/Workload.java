package dev.switchboard.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** A Deployment or a StatefulSet, reduced to what the checks look at. */
record Workload(String kind, String name, Map<String, String> labels, LabelSelector selector, PodTemplateSpec template,
        Integer replicas) {

    static final String NAME = "app.kubernetes.io/name";
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String PROVIDER = "switchboard.dev/provider";
    static final String ADAPTER = "provider-adapter";

    static Workload of(Deployment deployment) {
        return new Workload("Deployment", deployment.getMetadata().getName(), deployment.getMetadata().getLabels(),
                deployment.getSpec().getSelector(), deployment.getSpec().getTemplate(),
                deployment.getSpec().getReplicas());
    }

    static Workload of(StatefulSet statefulSet) {
        return new Workload("StatefulSet", statefulSet.getMetadata().getName(), statefulSet.getMetadata().getLabels(),
                statefulSet.getSpec().getSelector(), statefulSet.getSpec().getTemplate(),
                statefulSet.getSpec().getReplicas());
    }

    PodSpec pod() {
        return template.getSpec();
    }

    List<Container> containers() {
        return pod().getContainers();
    }

    Map<String, String> podLabels() {
        return template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
    }

    String component() {
        return podLabels().getOrDefault(COMPONENT, "");
    }

    boolean adapter() {
        return component().equals(ADAPTER);
    }

    /** The provider an adapter serves, from its label. */
    String provider() {
        return podLabels().get(PROVIDER);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
