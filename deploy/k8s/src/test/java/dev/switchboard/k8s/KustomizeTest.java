package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The assembly itself, on small kustomizations, for machines without a kustomize binary to compare with. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              labels: {tier: web}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: example/app
                      env:
                        - {name: A, value: "1"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              labels: {tier: web}
            data: {KEY: value}
            """;

    @TempDir
    Path directory;

    @Test
    void anOverlayPatchesMergesByNameDeletesAndSetsNamespaceImagesAndReplicas() throws IOException {
        write("base/kustomization.yaml", "namespace: apps\nresources: [all.yaml]\n");
        write("base/all.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", """
                resources: [../base]
                patches:
                  - path: env.yaml
                  - target: {kind: Deployment, labelSelector: tier=web}
                    patch: |-
                      - op: add
                        path: /metadata/annotations
                        value: {note: patched}
                  - target: {kind: ConfigMap}
                    patch: |-
                      $patch: delete
                      apiVersion: v1
                      kind: ConfigMap
                      metadata: {name: any}
                images:
                  - {name: example/app, newName: registry.invalid/app, newTag: "2"}
                replicas:
                  - {name: app, count: 3}
                """);
        write("overlay/env.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: A, value: "2"}
                            - {name: B, value: "3"}
                """);

        List<ObjectNode> resources = Kustomize.build(directory.resolve("overlay"));

        assertThat(resources).hasSize(1);
        ObjectNode deployment = resources.get(0);
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("apps");
        assertThat(deployment.at("/metadata/annotations/note").asText()).isEqualTo("patched");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.invalid/app:2");
        assertThat(deployment.at("/spec/template/spec/containers/0/env").findValuesAsText("value"))
                .containsExactlyInAnyOrder("2", "3");
    }

    @Test
    void aFieldThisAssemblyDoesNotImplementFailsTheBuild() throws IOException {
        write("kustomization.yaml", "resources: [all.yaml]\ncommonLabels: {team: a}\n");
        write("all.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomize.build(directory)).hasMessageContaining("unsupported field commonLabels");
    }

    @Test
    void aPatchThatMatchesNothingFailsTheBuild() throws IOException {
        write("kustomization.yaml", """
                resources: [all.yaml]
                patches:
                  - target: {kind: StatefulSet}
                    patch: |-
                      - {op: remove, path: /spec/replicas}
                """);
        write("all.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomize.build(directory)).hasMessageContaining("no resource matches");
    }

    @Test
    void theSameResourceTwiceFailsTheBuild() throws IOException {
        write("kustomization.yaml", "resources: [all.yaml, again.yaml]\n");
        write("all.yaml", DEPLOYMENT);
        write("again.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> Kustomize.build(directory)).hasMessageContaining("defined twice");
    }

    private void write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
