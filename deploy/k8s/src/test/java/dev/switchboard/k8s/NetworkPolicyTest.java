package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import dev.switchboard.k8s.Traffic.Peer;
import dev.switchboard.k8s.Traffic.Pod;

/** Only the router is reachable from outside the namespace; only the adapters reach the internet; the rest still talks. */
class NetworkPolicyTest {

    private static final String INTERNET = "203.0.113.7";
    private static final Pod INGRESS_CONTROLLER = new Pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"),
            Map.of());
    private static final Pod PROMETHEUS = new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
    private static final Pod CNPG_OPERATOR = new Pod("cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"),
            Map.of());
    private static final Pod DNS = new Pod("kube-system", Map.of("k8s-app", "kube-dns"), Map.of());

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyTheRouterTakesCallsFromOutsideTheNamespace(Overlay overlay) {
        Traffic traffic = traffic(overlay);
        for (Workload workload : overlay.manifests().workloads()) {
            Pod pod = pod(overlay, workload);
            boolean router = workload.component().equals("router");
            assertThat(traffic.allows(Peer.of(INGRESS_CONTROLLER), Peer.of(pod), httpPort(workload), "TCP"))
                    .as("another namespace calls " + workload).isEqualTo(router);
            assertThat(traffic.allows(Peer.outside(INTERNET), Peer.of(pod), httpPort(workload), "TCP"))
                    .as("the internet calls " + workload).isEqualTo(router);
            assertThat(traffic.allows(Peer.outside(INTERNET), Peer.of(pod), WorkloadsTest.MANAGEMENT_PORT, "TCP"))
                    .as("the internet reaches the management port of " + workload).isFalse();
            assertThat(traffic.allows(Peer.of(INGRESS_CONTROLLER), Peer.of(pod), WorkloadsTest.MANAGEMENT_PORT, "TCP"))
                    .as("another namespace reaches the management port of " + workload).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyTheAdaptersReachTheInternet(Overlay overlay) {
        Traffic traffic = traffic(overlay);
        for (Workload workload : overlay.manifests().workloads()) {
            assertThat(traffic.allows(Peer.of(pod(overlay, workload)), Peer.outside(INTERNET), 443, "TCP"))
                    .as(workload + " calls the internet").isEqualTo(workload.adapter());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theServicesStillReachKafkaDnsAndEachOther(Overlay overlay) {
        Traffic traffic = traffic(overlay);
        Manifests manifests = overlay.manifests();
        Pod kafka = new Pod(manifests.namespace(), Map.of("strimzi.io/cluster", Manifests.name(manifests.kafka()),
                "strimzi.io/kind", "Kafka"), Map.of());
        Pod postgres = new Pod(manifests.namespace(), Map.of("cnpg.io/cluster", Manifests.name(manifests.postgres())),
                Map.of());
        for (Workload workload : manifests.workloads()) {
            Peer from = Peer.of(pod(overlay, workload));
            assertThat(traffic.allows(from, Peer.of(kafka), KafkaTest.plainListenerPort(manifests), "TCP"))
                    .as(workload + " to Kafka").isTrue();
            assertThat(traffic.allows(from, Peer.of(DNS), 53, "UDP")).as(workload + " to DNS").isTrue();
        }
        assertCalls(traffic, overlay, "router", "registry");
        assertCalls(traffic, overlay, "router", "telemetry");
        assertCalls(traffic, overlay, "registry", "telemetry");
        assertCalls(traffic, overlay, "telemetry", "registry");
        assertCalls(traffic, overlay, "registry", "adapter-mock");
        for (String service : List.of("registry", "telemetry")) {
            assertThat(traffic.allows(Peer.of(pod(overlay, manifests.workload(service))), Peer.of(postgres), 5432, "TCP"))
                    .as(service + " to PostgreSQL").isTrue();
        }
        for (int port : new int[] { 5432, 8000 }) {
            assertThat(traffic.allows(Peer.of(CNPG_OPERATOR), Peer.of(postgres), port, "TCP"))
                    .as("the CloudNativePG operator to its instances on " + port).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void prometheusScrapesEveryService(Overlay overlay) {
        Traffic traffic = traffic(overlay);
        for (Workload workload : overlay.manifests().workloads()) {
            assertThat(traffic.allows(Peer.of(PROMETHEUS), Peer.of(pod(overlay, workload)), WorkloadsTest.MANAGEMENT_PORT,
                    "TCP")).as("Prometheus scrapes " + workload).isTrue();
        }
    }

    /** Strimzi turns the listener's peers into a NetworkPolicy of its own: every service, and KEDA where it runs. */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theKafkaListenerAdmitsEveryServiceAndKedaWhereItScales(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        Map<String, String> brokerLabels = Map.of("strimzi.io/cluster", Manifests.name(manifests.kafka()));
        List<NetworkPolicyPeer> peers = Yaml.MAPPER.convertValue(
                manifests.kafka().path("spec").path("kafka").path("listeners").get(0).path("networkPolicyPeers"),
                Yaml.MAPPER.getTypeFactory().constructCollectionType(List.class, NetworkPolicyPeer.class));
        NetworkPolicy listenerPolicy = new NetworkPolicyBuilder().withNewMetadata().withNamespace(manifests.namespace())
                .endMetadata().withNewSpec().withPodSelector(new LabelSelector(null, brokerLabels)).addNewIngress()
                .withFrom(peers).endIngress().endSpec().build();
        Traffic listener = new Traffic(List.of(listenerPolicy));
        Peer broker = Peer.of(new Pod(manifests.namespace(), brokerLabels, Map.of()));
        int port = KafkaTest.plainListenerPort(manifests);
        for (Workload workload : manifests.workloads()) {
            assertThat(listener.allows(Peer.of(pod(overlay, workload)), broker, port, "TCP")).as(workload.toString()).isTrue();
        }
        boolean keda = !manifests.ofKind("ScaledObject").isEmpty();
        assertThat(listener.allows(Peer.of(new Pod("keda", Map.of("app", "keda-operator"), Map.of())), broker, port, "TCP"))
                .as("KEDA reads consumer lag").isEqualTo(keda);
    }

    private static void assertCalls(Traffic traffic, Overlay overlay, String from, String to) {
        Manifests manifests = overlay.manifests();
        Workload target = manifests.workload(to);
        assertThat(traffic.allows(Peer.of(pod(overlay, manifests.workload(from))), Peer.of(pod(overlay, target)),
                httpPort(target), "TCP")).as(from + " calls " + to).isTrue();
    }

    private static Traffic traffic(Overlay overlay) {
        return new Traffic(overlay.manifests().networkPolicies());
    }

    private static Pod pod(Overlay overlay, Workload workload) {
        Map<String, Integer> ports = workload.containers().stream().flatMap(container -> container.getPorts().stream())
                .filter(port -> port.getName() != null)
                .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
        return new Pod(overlay.manifests().namespace(), workload.podLabels(), ports);
    }

    private static int httpPort(Workload workload) {
        return WorkloadsTest.containerPort(workload, new IntOrString("http"))
                .getContainerPort();
    }
}
