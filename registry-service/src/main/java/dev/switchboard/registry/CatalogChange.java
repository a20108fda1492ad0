package dev.switchboard.registry;

import dev.switchboard.contracts.ModelChanged;

/** A committed catalog change to publish: the model's new state, or a null value when it was deleted. */
public record CatalogChange(String key, ModelChanged value) {
}
