package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/** Every variable the services read in production is provided, and each adapter holds its own provider's key only. */
class EnvironmentTest {

    private static final Pattern PROVIDER_VARIABLE = Pattern.compile("SWITCHBOARD_PROVIDERS_[A-Z_]+_API_KEY");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceGetsEveryVariableItReads(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Workload workload : manifests.workloads()) {
            assertThat(RequiredEnvironment.BY_COMPONENT).as("required environment of component " + workload.component())
                    .containsKey(workload.component());
            for (Container container : workload.containers()) {
                Map<String, String> environment = ContainerEnvironment.of(container, manifests);
                assertThat(environment.keySet()).as(workload.toString())
                        .containsAll(RequiredEnvironment.BY_COMPONENT.get(workload.component()));
                if (workload.adapter()) {
                    assertThat(environment.keySet()).as(workload.toString())
                            .containsAll(RequiredEnvironment.forProvider(workload.provider()));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachAdapterEnablesItsOneProviderWithItsOwnKeyOnly(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        List<Workload> adapters = manifests.workloads().stream().filter(Workload::adapter).toList();
        assertThat(adapters).extracting(Workload::provider).containsExactlyInAnyOrderElementsOf(overlay.providers());
        for (Workload adapter : adapters) {
            Map<String, String> environment = ContainerEnvironment.of(adapter.containers().get(0), manifests);
            assertThat(environment).as(adapter.toString()).containsEntry(RequiredEnvironment.ADAPTERS_ENABLED,
                    adapter.provider());
            String own = RequiredEnvironment.providerVariable(adapter.provider(), "API_KEY");
            assertThat(environment.keySet()).as(adapter + " holds no other provider's key")
                    .filteredOn(name -> PROVIDER_VARIABLE.matcher(name).matches() && !name.equals(own)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachRouterReplicaReadsTheReplyPartitionOfItsPodIndex(Overlay overlay) {
        Workload router = overlay.manifests().workload("router");
        assertThat(router.kind()).isEqualTo("StatefulSet");
        assertThat(ContainerEnvironment.of(router.containers().get(0), overlay.manifests())).containsEntry(
                RequiredEnvironment.REPLY_PARTITION, "field:metadata.labels['apps.kubernetes.io/pod-index']");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void addressesPointAtWhatTheOverlayDeploys(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        String bootstrap = Manifests.name(manifests.kafka()) + "-kafka-bootstrap:" + KafkaTest.plainListenerPort(manifests);
        for (Workload workload : manifests.workloads()) {
            Map<String, String> environment = ContainerEnvironment.of(workload.containers().get(0), manifests);
            assertThat(environment).as(workload.toString()).containsEntry(RequiredEnvironment.KAFKA, bootstrap);
            for (String client : List.of(RequiredEnvironment.REGISTRY_URL, RequiredEnvironment.TELEMETRY_URL)) {
                if (environment.containsKey(client)) {
                    assertServiceAnswers(manifests, environment.get(client), workload + " " + client);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theRegistryKnowsWhereEachAdapterAnswers(Overlay overlay) throws IOException {
        Manifests manifests = overlay.manifests();
        Workload registry = manifests.workload("registry");
        Container container = registry.containers().get(0);
        Properties mounted = mountedProperties(manifests, registry,
                ContainerEnvironment.of(container, manifests).get("QUARKUS_CONFIG_LOCATIONS"));
        for (Workload adapter : manifests.workloads().stream().filter(Workload::adapter).toList()) {
            String url = mounted.getProperty("switchboard.registry.adapter-urls." + adapter.provider());
            assertThat(url).as("registry's address of " + adapter).isEqualTo("http://" + adapter.name() + ":"
                    + WorkloadsTest.containerPort(adapter, new IntOrString("http")).getContainerPort());
            assertServiceAnswers(manifests, url, "registry's address of " + adapter);
        }
    }

    /** A properties file a container reads from a ConfigMap volume, by its path. */
    private static Properties mountedProperties(Manifests manifests, Workload workload, String path) throws IOException {
        assertThat(path).as(workload + " config location").isNotNull();
        VolumeMount mount = workload.containers().get(0).getVolumeMounts().stream()
                .filter(candidate -> path.startsWith(candidate.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is not mounted in " + workload));
        Volume volume = workload.pod().getVolumes().stream().filter(candidate -> candidate.getName().equals(mount.getName()))
                .findFirst().orElseThrow();
        ConfigMap configMap = manifests.configMap(volume.getConfigMap().getName()).orElseThrow();
        String file = ContainerEnvironment.data(configMap).get(path.substring(mount.getMountPath().length() + 1));
        assertThat(file).as(path + " in ConfigMap " + configMap.getMetadata().getName()).isNotNull();
        Properties properties = new Properties();
        properties.load(new StringReader(file));
        return properties;
    }

    /** The URL names a Service of the overlay, on a port that Service opens. */
    private static void assertServiceAnswers(Manifests manifests, String url, String what) {
        var matcher = Pattern.compile("http://([a-z0-9-]+):(\\d+)").matcher(url);
        assertThat(matcher.matches()).as(what + " " + url).isTrue();
        var service = manifests.services().stream().filter(s -> s.getMetadata().getName().equals(matcher.group(1)))
                .findFirst();
        assertThat(service).as(what + " " + url).isPresent();
        assertThat(service.get().getSpec().getPorts()).as(what + " " + url)
                .anyMatch(port -> port.getPort() == Integer.parseInt(matcher.group(2)));
    }
}
