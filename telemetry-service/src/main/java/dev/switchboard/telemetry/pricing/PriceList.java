package dev.switchboard.telemetry.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.client.RegistryModel;
import dev.switchboard.telemetry.client.RegistryPrice;

/** A model's active prices, latest effective date first, and the cost of an attempt at the price in force at its time. */
public final class PriceList {

    private static final Comparator<RegistryPrice> NEWEST_FIRST = Comparator
            .comparing((RegistryPrice p) -> p.effectiveFrom() == null ? Instant.MIN : p.effectiveFrom())
            .thenComparing(p -> p.setAt() == null ? Instant.MIN : p.setAt())
            .reversed();

    private final List<RegistryPrice> prices;

    private PriceList(List<RegistryPrice> prices) {
        this.prices = prices;
    }

    /** The current price and the history together; pending rows and rows without input/output prices are left out. */
    public static PriceList of(RegistryModel model) {
        List<RegistryPrice> all = new ArrayList<>();
        if (model.price() != null) {
            all.add(model.price());
        }
        if (model.priceHistory() != null) {
            all.addAll(model.priceHistory());
        }
        return new PriceList(all.stream()
                .filter(p -> p.active() && p.inputCostPerMillion() != null && p.outputCostPerMillion() != null)
                .distinct()
                .sorted(NEWEST_FIRST)
                .toList());
    }

    public boolean isEmpty() {
        return prices.isEmpty();
    }

    /** The earliest time any price is in force, or null when there is none. */
    public Instant earliestEffectiveFrom() {
        return prices.isEmpty() ? null : prices.get(prices.size() - 1).effectiveFrom();
    }

    /** The price whose effective date is the latest not after {@code at}; a row without a date is always in force. */
    public Optional<RegistryPrice> inForceAt(Instant at) {
        return prices.stream()
                .filter(p -> p.effectiveFrom() == null || !p.effectiveFrom().isAfter(at))
                .findFirst();
    }

    /**
     * Each price with the period it was in force, oldest first: from its effective date (null: since ever) until the
     * next price's (null: still in force). A price another replaced at the same effective date is left out.
     */
    public List<PricePeriod> periods() {
        List<PricePeriod> periods = new ArrayList<>();
        Instant until = null;
        for (RegistryPrice price : prices) {
            Instant from = price.effectiveFrom();
            if (until == null || from == null || from.isBefore(until)) {
                periods.add(0, new PricePeriod(price, from, until));
            }
            if (from == null) {
                break;
            }
            until = until == null || from.isBefore(until) ? from : until;
        }
        return periods;
    }

    /** Prices an attempt's tokens, or says {@code no_price} when no price was in force at its time. */
    public Pricing pricing(Instant at, TokenCounts tokens) {
        return inForceAt(at)
                .map(price -> new Pricing(price.tokenPrices().cost(tokens), source(price), price.effectiveFrom(), null))
                .orElseGet(() -> Pricing.unpriced("no_price"));
    }

    static String source(RegistryPrice price) {
        String source = price.source() == null || price.source().isBlank() ? "registry" : price.source();
        return source.length() > 64 ? source.substring(0, 64) : source;
    }

    /** USD for input (cached among them) and output tokens, computed where every service computes it ({@link TokenPrices}). */
    public static BigDecimal cost(RegistryPrice price, long inputTokens, long cachedInputTokens, long outputTokens) {
        return price.tokenPrices().cost(inputTokens, cachedInputTokens, outputTokens);
    }
}
