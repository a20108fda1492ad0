package dev.switchboard.k8s;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code images} of a kustomization: new names, tags or digests for the containers' images. */
final class Images {

    private Images() {
    }

    static void apply(JsonNode entries, List<ObjectNode> resources) {
        for (JsonNode entry : entries) {
            Kustomize.requireOnly(entry, Set.of("name", "newName", "newTag", "digest"), "images");
            resources.forEach(resource -> rewrite(resource, entry));
        }
    }

    private static void rewrite(JsonNode node, JsonNode entry) {
        for (String field : List.of("containers", "initContainers")) {
            for (JsonNode container : node.path(field)) {
                if (container.hasNonNull("image")) {
                    ((ObjectNode) container).put("image", rename(container.get("image").asText(), entry));
                }
            }
        }
        node.forEach(child -> {
            if (child.isContainerNode()) {
                rewrite(child, entry);
            }
        });
    }

    static String rename(String image, JsonNode entry) {
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        int end = at >= 0 ? at : colon > image.lastIndexOf('/') ? colon : image.length();
        String name = image.substring(0, end);
        if (!name.equals(entry.get("name").asText())) {
            return image;
        }
        String suffix = image.substring(end);
        if (entry.hasNonNull("digest")) {
            suffix = "@" + entry.get("digest").asText();
        } else if (entry.hasNonNull("newTag")) {
            suffix = ":" + entry.get("newTag").asText();
        }
        return entry.path("newName").asText(name) + suffix;
    }
}
