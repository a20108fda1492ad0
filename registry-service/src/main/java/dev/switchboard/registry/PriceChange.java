package dev.switchboard.registry;

/** A price row with the model it belongs to, as {@code GET /prices} lists rows set since a time. */
public record PriceChange(String id, String provider, String modelId, PriceView price) {
}
