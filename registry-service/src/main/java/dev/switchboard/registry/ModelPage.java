package dev.switchboard.registry;

import java.util.List;

/** One page of models, in stable (provider, modelId) order. */
public record ModelPage(List<ModelView> data, int page, int size, long total) {
}
