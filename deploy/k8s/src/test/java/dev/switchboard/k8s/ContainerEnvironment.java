package dev.switchboard.k8s;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;

/** The environment a container starts with: its own variables over those of the ConfigMaps and Secrets it imports. */
final class ContainerEnvironment {

    static final String KEYS_ANNOTATION = "switchboard.dev/keys";

    private ContainerEnvironment() {
    }

    /**
     * Each variable that gets a value, and that value: a Secret's key stands as {@code secret:<name>/<key>}, a pod field
     * as {@code field:<path>}. An empty value, an optional reference and a reference to a missing key count as unset.
     */
    static Map<String, String> of(Container container, Manifests manifests) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource> of())) {
            String prefix = Objects.toString(source.getPrefix(), "");
            if (source.getConfigMapRef() != null) {
                manifests.configMap(source.getConfigMapRef().getName()).map(ContainerEnvironment::data)
                        .ifPresent(data -> data.forEach((key, value) -> putIfSet(environment, prefix + key, value)));
            }
            if (source.getSecretRef() != null) {
                String name = source.getSecretRef().getName();
                manifests.secret(name).map(ContainerEnvironment::keys)
                        .ifPresent(keys -> keys.forEach(key -> environment.put(prefix + key, secret(name, key))));
            }
        }
        for (EnvVar variable : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar> of())) {
            environment.remove(variable.getName());
            putIfSet(environment, variable.getName(), value(variable, manifests));
        }
        return environment;
    }

    /** The keys a Secret provides: those it lists in its keys annotation, and any it carries. */
    static Set<String> keys(Secret secret) {
        Set<String> keys = new TreeSet<>();
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(KEYS_ANNOTATION) != null) {
            Arrays.stream(annotations.get(KEYS_ANNOTATION).split(",")).map(String::trim).forEach(keys::add);
        }
        keys.addAll(Objects.requireNonNullElse(secret.getData(), Map.<String, String> of()).keySet());
        keys.addAll(Objects.requireNonNullElse(secret.getStringData(), Map.<String, String> of()).keySet());
        return keys;
    }

    static Map<String, String> data(ConfigMap configMap) {
        return Objects.requireNonNullElse(configMap.getData(), Map.of());
    }

    private static String value(EnvVar variable, Manifests manifests) {
        EnvVarSource from = variable.getValueFrom();
        if (from == null) {
            return variable.getValue();
        }
        if (from.getSecretKeyRef() != null) {
            var reference = from.getSecretKeyRef();
            Optional<Secret> secret = manifests.secret(reference.getName());
            boolean present = secret.isPresent() && keys(secret.get()).contains(reference.getKey());
            return present && !Boolean.TRUE.equals(reference.getOptional()) ? secret(reference.getName(), reference.getKey())
                    : null;
        }
        if (from.getConfigMapKeyRef() != null) {
            var reference = from.getConfigMapKeyRef();
            return Boolean.TRUE.equals(reference.getOptional()) ? null
                    : manifests.configMap(reference.getName()).map(map -> data(map).get(reference.getKey())).orElse(null);
        }
        return from.getFieldRef() != null ? "field:" + from.getFieldRef().getFieldPath() : null;
    }

    private static String secret(String name, String key) {
        return "secret:" + name + "/" + key;
    }

    private static void putIfSet(Map<String, String> environment, String name, String value) {
        if (value != null && !value.isBlank()) {
            environment.put(name, value);
        }
    }
}
