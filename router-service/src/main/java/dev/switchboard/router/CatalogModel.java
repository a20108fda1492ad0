package dev.switchboard.router;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a registry model the router uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogModel(String id, String provider, String modelId, List<String> capabilities, int contextWindow,
        boolean available) {
}
