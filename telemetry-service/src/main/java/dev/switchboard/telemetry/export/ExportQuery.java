package dev.switchboard.telemetry.export;

import java.time.Instant;

import dev.switchboard.telemetry.attribution.UsageFilter;

/**
 * What an export covers: a time range (from inclusive, to exclusive), optional provider and model, its rows, and the
 * operation and attribution they are filtered by.
 */
public record ExportQuery(Instant from, Instant to, String provider, String model, Granularity granularity,
        UsageFilter filter) {

    public ExportQuery(Instant from, Instant to, String provider, String model, Granularity granularity) {
        this(from, to, provider, model, granularity, UsageFilter.NONE);
    }
}
