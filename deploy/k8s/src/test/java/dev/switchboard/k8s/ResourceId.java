package dev.switchboard.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** What names a resource within one build: its API group, kind, namespace and name. */
record ResourceId(String group, String kind, String namespace, String name) {

    static ResourceId of(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        return new ResourceId(group(resource.path("apiVersion").asText()), resource.path("kind").asText(),
                metadata.path("namespace").asText(""), metadata.path("name").asText());
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
