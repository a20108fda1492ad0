package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/** Every Deployment and StatefulSet: selectors, Services, probes, resources, security and metrics. */
class WorkloadsTest {

    /** Quarkus's management interface (quarkus.management.port), the same in every pod. */
    static final String MANAGEMENT = "management";
    static final int MANAGEMENT_PORT = 9000;

    /** The largest resident set measured of any service under load; deploy/README.md has the figures. */
    private static final BigDecimal MEASURED_PEAK_RSS = Quantity.getAmountInBytes(new Quantity("237Mi"));

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachSelectorMatchesItsOwnPodsAndNoOtherWorkloads(Overlay overlay) {
        List<Workload> workloads = overlay.manifests().workloads();
        assertThat(workloads).isNotEmpty();
        for (Workload workload : workloads) {
            assertThat(workload.selector().getMatchLabels()).as(workload + " selector").isNotEmpty();
            assertThat(Selectors.matches(workload.selector(), workload.podLabels())).as(workload + " selects its pods")
                    .isTrue();
            assertThat(workloads).as(workload + " selects only its own pods")
                    .filteredOn(other -> !other.name().equals(workload.name())
                            && Selectors.matches(workload.selector(), other.podLabels()))
                    .isEmpty();
            assertThat(workload.podLabels()).as(workload.toString())
                    .containsKeys(Workload.NAME, Workload.PART_OF, Workload.COMPONENT)
                    .containsEntry(Workload.PART_OF, "switchboard").containsEntry(Workload.NAME, workload.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServiceSelectsOneWorkloadAndAPortItOpens(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Service service : manifests.services()) {
            String name = service.getMetadata().getName();
            Map<String, String> selector = Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
            List<Workload> selected = manifests.workloads().stream()
                    .filter(workload -> !selector.isEmpty() && Selectors.matches(selector, workload.podLabels())).toList();
            assertThat(selected).as("workloads behind Service " + name).hasSize(1);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(selected.get(0), port.getTargetPort())).as(name + " targetPort").isNotNull();
            }
        }
        for (Service service : manifests.services()) {
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(port.getName()).as(service.getMetadata().getName() + " exposes no management port")
                        .isNotEqualTo(MANAGEMENT);
                assertThat(String.valueOf(port.getTargetPort().getStrVal())).isNotEqualTo(MANAGEMENT);
                assertThat(port.getPort()).isNotEqualTo(MANAGEMENT_PORT);
            }
        }
        assertThat(manifests.workloads()).as("every workload has a Service")
                .allMatch(workload -> manifests.services().stream().anyMatch(service -> Selectors
                        .matches(Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of()), workload.podLabels())));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachContainerIsProbedOnSmallRyeHealth(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            for (Container container : workload.containers()) {
                String id = workload + " " + container.getName();
                assertProbe(workload, container.getStartupProbe(), "/q/health/started", id);
                assertProbe(workload, container.getLivenessProbe(), "/q/health/live", id);
                assertProbe(workload, container.getReadinessProbe(), "/q/health/ready", id);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachContainerHasRequestsAndLimitsAboveWhatItWasMeasuredToUse(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            for (Container container : workload.containers()) {
                String id = workload + " " + container.getName();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as(id + " requests").containsKeys("cpu", "memory");
                assertThat(limits).as(id + " limits").containsKeys("cpu", "memory");
                assertThat(bytes(requests.get("memory"))).as(id + " memory request").isGreaterThanOrEqualTo(MEASURED_PEAK_RSS);
                assertThat(bytes(limits.get("memory"))).as(id + " memory limit")
                        .isGreaterThanOrEqualTo(bytes(requests.get("memory")));
                assertThat(bytes(limits.get("cpu"))).as(id + " cpu limit").isGreaterThanOrEqualTo(bytes(requests.get("cpu")));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachContainerRunsAsNonRootOnAReadOnlyRootWithNoCapabilities(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            PodSecurityContext pod = workload.pod().getSecurityContext();
            assertThat(pod).as(workload + " pod securityContext").isNotNull();
            assertThat(pod.getSeccompProfile().getType()).as(workload + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(workload.pod().getAutomountServiceAccountToken()).as(workload + " service account token").isFalse();
            for (Container container : workload.containers()) {
                String id = workload + " " + container.getName();
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as(id + " securityContext").isNotNull();
                assertThat(Boolean.TRUE.equals(security.getRunAsNonRoot()) || Boolean.TRUE.equals(pod.getRunAsNonRoot()))
                        .as(id + " runAsNonRoot").isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(id + " allowPrivilegeEscalation").isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(id + " readOnlyRootFilesystem").isTrue();
                assertThat(security.getCapabilities().getDrop()).as(id + " dropped capabilities").contains("ALL");
                assertThat(mountsOf(container)).as(id + " writable /tmp").containsEntry("/tmp", "tmp");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachMountHasItsVolumeAndTmpIsAnEmptyDir(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            Map<String, Volume> volumes = Objects.requireNonNullElse(workload.pod().getVolumes(), List.<Volume> of()).stream()
                    .collect(Collectors.toMap(Volume::getName, volume -> volume));
            for (Container container : workload.containers()) {
                assertThat(volumes.keySet()).as(workload + " volumes").containsAll(mountsOf(container).values());
            }
            assertThat(volumes.get("tmp").getEmptyDir()).as(workload + " /tmp volume").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachPodAsksPrometheusToScrapeItsMetrics(Overlay overlay) {
        for (Workload workload : overlay.manifests().workloads()) {
            Map<String, String> annotations = Objects.requireNonNullElse(workload.template().getMetadata().getAnnotations(),
                    Map.of());
            assertThat(annotations).as(workload.toString()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics").containsKey("prometheus.io/port");
            Set<Integer> ports = workload.containers().stream().flatMap(container -> container.getPorts().stream())
                    .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
            assertThat(ports).as(workload + " metrics port").contains(Integer.valueOf(annotations.get("prometheus.io/port")));
            assertThat(annotations).as(workload + " metrics on the management port")
                    .containsEntry("prometheus.io/port", String.valueOf(MANAGEMENT_PORT));
        }
    }

    /** Health and metrics are on Quarkus's management interface, a port no Service exposes. */
    private static void assertProbe(Workload workload, Probe probe, String path, String id) {
        assertThat(probe).as(id + " " + path).isNotNull();
        assertThat(probe.getHttpGet()).as(id + " " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(id).isEqualTo(path);
        ContainerPort port = containerPort(workload, probe.getHttpGet().getPort());
        assertThat(port).as(id + " " + path + " port").isNotNull();
        assertThat(port.getName()).as(id + " " + path + " port").isEqualTo(MANAGEMENT);
        assertThat(port.getContainerPort()).as(id + " " + path + " port").isEqualTo(MANAGEMENT_PORT);
    }

    /** The container port a Service or probe names, by name or number, or null. */
    static ContainerPort containerPort(Workload workload, IntOrString port) {
        return workload.containers().stream().flatMap(container -> container.getPorts().stream())
                .filter(candidate -> port.getIntVal() != null ? port.getIntVal().equals(candidate.getContainerPort())
                        : port.getStrVal().equals(candidate.getName()))
                .findFirst().orElse(null);
    }

    private static Map<String, String> mountsOf(Container container) {
        return Objects.requireNonNullElse(container.getVolumeMounts(), List.<VolumeMount> of()).stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    }

    private static BigDecimal bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }
}
