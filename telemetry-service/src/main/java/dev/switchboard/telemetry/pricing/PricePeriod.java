package dev.switchboard.telemetry.pricing;

import java.time.Instant;

import dev.switchboard.telemetry.client.RegistryPrice;

/** A price and the period it was in force: from {@code from} (null: since ever) until {@code until} (null: now). */
public record PricePeriod(RegistryPrice price, Instant from, Instant until) {
}
