package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;

/** Every Secret and ConfigMap a pod or an operator reads exists in the same overlay, and no Secret holds a value. */
class ReferencesTest {

    /** Secrets may carry user names, which are settings; anything else is set in the cluster, never in git. */
    private static final Set<String> KEYS_ALLOWED_IN_GIT = Set.of("username");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everySecretAndConfigMapAPodReadsExistsWithTheKeyItReads(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.containers()) {
                String id = workload + " " + container.getName();
                for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar> of())) {
                    var from = variable.getValueFrom();
                    if (from != null && from.getSecretKeyRef() != null) {
                        assertThat(secretKeys(manifests, from.getSecretKeyRef().getName())).as(id + " " + variable.getName())
                                .contains(from.getSecretKeyRef().getKey());
                    }
                    if (from != null && from.getConfigMapKeyRef() != null) {
                        assertThat(configMapKeys(manifests, from.getConfigMapKeyRef().getName()))
                                .as(id + " " + variable.getName()).contains(from.getConfigMapKeyRef().getKey());
                    }
                }
                for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource> of())) {
                    if (source.getConfigMapRef() != null) {
                        assertThat(manifests.configMap(source.getConfigMapRef().getName())).as(id + " envFrom").isPresent();
                    }
                    if (source.getSecretRef() != null) {
                        assertThat(manifests.secret(source.getSecretRef().getName())).as(id + " envFrom").isPresent();
                    }
                }
            }
            for (Volume volume : Objects.requireNonNullElse(workload.pod().getVolumes(), List.<Volume> of())) {
                if (volume.getSecret() != null) {
                    assertThat(manifests.secret(volume.getSecret().getSecretName())).as(workload + " volume").isPresent();
                }
                if (volume.getConfigMap() != null) {
                    assertThat(manifests.configMap(volume.getConfigMap().getName())).as(workload + " volume").isPresent();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everySecretTheDatabaseOperatorReadsExists(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        JsonNode spec = manifests.postgres().path("spec");
        List<String> names = new ArrayList<>();
        names.add(spec.path("bootstrap").path("initdb").path("secret").path("name").asText());
        spec.path("managed").path("roles").forEach(role -> names.add(role.path("passwordSecret").path("name").asText()));
        for (String name : names) {
            assertThat(secretKeys(manifests, name)).as("Secret " + name).contains("username", "password");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void secretsDeclareTheirKeysAndCarryNoSecretValue(Overlay overlay) {
        Manifests manifests = overlay.manifests();
        Set<String> read = readSecretKeys(manifests);
        for (Secret secret : manifests.typed("Secret", Secret.class)) {
            String name = secret.getMetadata().getName();
            Set<String> carried = new HashSet<>(
                    Objects.requireNonNullElse(secret.getData(), Map.<String, String> of()).keySet());
            carried.addAll(Objects.requireNonNullElse(secret.getStringData(), Map.<String, String> of()).keySet());
            assertThat(KEYS_ALLOWED_IN_GIT).as("values in Secret " + name).containsAll(carried);
            assertThat(secret.getMetadata().getAnnotations()).as(name).containsKey(ContainerEnvironment.KEYS_ANNOTATION);
            for (String key : ContainerEnvironment.keys(secret)) {
                assertThat(read).as("Secret " + name + " key " + key + " is read by someone").contains(name + "/" + key);
            }
        }
    }

    /** Each Secret key a container or the database operator reads, as {@code <secret>/<key>}. */
    private static Set<String> readSecretKeys(Manifests manifests) {
        Set<String> read = new HashSet<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.containers()) {
                for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar> of())) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        var reference = variable.getValueFrom().getSecretKeyRef();
                        read.add(reference.getName() + "/" + reference.getKey());
                    }
                }
            }
        }
        JsonNode spec = manifests.postgres().path("spec");
        String owner = spec.path("bootstrap").path("initdb").path("secret").path("name").asText();
        read.add(owner + "/username");
        read.add(owner + "/password");
        spec.path("managed").path("roles").forEach(role -> {
            read.add(role.path("passwordSecret").path("name").asText() + "/username");
            read.add(role.path("passwordSecret").path("name").asText() + "/password");
        });
        return read;
    }

    private static Set<String> secretKeys(Manifests manifests, String name) {
        return manifests.secret(name).map(ContainerEnvironment::keys)
                .orElseThrow(() -> new AssertionError("no Secret " + name));
    }

    private static Set<String> configMapKeys(Manifests manifests, String name) {
        ConfigMap configMap = manifests.configMap(name).orElseThrow(() -> new AssertionError("no ConfigMap " + name));
        return ContainerEnvironment.data(configMap).keySet();
    }
}
