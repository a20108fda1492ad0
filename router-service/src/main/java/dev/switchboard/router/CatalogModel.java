package dev.switchboard.router;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a registry model the router routes by. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogModel(
        String id,
        String provider,
        String modelId,
        List<String> capabilities,
        int contextWindow,
        boolean available,
        boolean local,
        String latencyTier,
        String qualityTier,
        Price price) {

    /** USD per million tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Price(BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion) {
    }

    public boolean can(String capability) {
        return capabilities != null && capabilities.contains(capability);
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
