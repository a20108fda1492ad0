package dev.switchboard.router;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.switchboard.contracts.TokenPrices;

/**
 * The part of a registry model the router routes by. A null {@code contextWindow} is unknown; with
 * {@code capabilitiesKnown} false, a capability missing from {@code capabilities} is unknown rather than absent (a
 * registry that does not send the field means true). {@code listed} is whether the catalog lists the model; the
 * registry's {@code available} adds whether an adapter serves its provider, which the router knows itself, sooner.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogModel(
        String id,
        String provider,
        String modelId,
        List<String> capabilities,
        Boolean capabilitiesKnown,
        Integer contextWindow,
        Integer maxOutputTokens,
        Boolean listed,
        boolean available,
        boolean local,
        String latencyTier,
        String qualityTier,
        Price price) {

    /** The capability that marks an embedding model, which only embeds; a model without it generates text. */
    public static final String EMBEDDINGS = "embeddings";

    /**
     * USD per million tokens. A kind left null costs as another (cached input and cache writes as input, the 1-hour
     * write as the 5-minute one, reasoning as output), as {@link TokenPrices} prices them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Price(BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion,
            BigDecimal cachedInputCostPerMillion, BigDecimal reasoningCostPerMillion,
            BigDecimal cacheWriteCostPerMillion, BigDecimal cacheWrite1hCostPerMillion) {

        /** Input, cached input and output only; the other kinds cost as input and output. */
        public Price(BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion,
                BigDecimal cachedInputCostPerMillion) {
            this(inputCostPerMillion, outputCostPerMillion, cachedInputCostPerMillion, null, null, null);
        }

        /** Every kind's price; null when input or output has none (the model is then unpriced). */
        public TokenPrices tokenPrices() {
            if (inputCostPerMillion == null || outputCostPerMillion == null) {
                return null;
            }
            return new TokenPrices(inputCostPerMillion, outputCostPerMillion, cachedInputCostPerMillion,
                    reasoningCostPerMillion, cacheWriteCostPerMillion, cacheWrite1hCostPerMillion);
        }
    }

    /** Whether the catalog lists the model (a registry that does not send {@code listed} says it with {@code available}). */
    public boolean inCatalog() {
        return listed != null ? listed : available;
    }

    /** The model is known to have the capability. */
    public boolean can(String capability) {
        return capabilities != null && capabilities.contains(capability);
    }

    /** The model is known to be an embedding model. */
    public boolean embeds() {
        return can(EMBEDDINGS);
    }

    /** The model is known to lack the capability: the registry's list is whole and does not name it. */
    public boolean lacks(String capability) {
        return !can(capability) && !Boolean.FALSE.equals(capabilitiesKnown);
    }

    /** The model is known to lack room for this many tokens. */
    public boolean tooSmallFor(long tokens) {
        return contextWindow != null && contextWindow > 0 && tokens > contextWindow;
    }

    /** Input and output price blended 3:1, the usual shape of chat traffic; null when unpriced. */
    public Double blendedPrice() {
        if (price == null || price.inputCostPerMillion() == null || price.outputCostPerMillion() == null) {
            return null;
        }
        return (3 * price.inputCostPerMillion().doubleValue() + price.outputCostPerMillion().doubleValue()) / 4;
    }

    public int qualityRank() {
        return switch (qualityTier == null ? "" : qualityTier) {
            case "highest" -> 4;
            case "high" -> 3;
            case "good" -> 2;
            case "basic" -> 1;
            default -> 0;
        };
    }

    public int latencyRank() {
        return switch (latencyTier == null ? "" : latencyTier) {
            case "fast" -> 1;
            case "medium" -> 2;
            case "slow" -> 3;
            default -> 4;
        };
    }
}
