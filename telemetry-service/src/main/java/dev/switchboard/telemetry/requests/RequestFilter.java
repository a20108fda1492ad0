package dev.switchboard.telemetry.requests;

import java.time.Instant;

import dev.switchboard.telemetry.attribution.UsageFilter;

/**
 * Which client calls to list: started in [{@code from}, {@code to}), and optionally by what any of their attempts was
 * and is attributed to (operation, key id or name, team id or name, end user, tag), by a model or provider any attempt
 * used, by the call's final outcome, and by a minimum latency; {@code page} from 0.
 */
public record RequestFilter(Instant from, Instant to, UsageFilter usage, String model, String provider, String outcome,
        Long minLatencyMs, int page, int size) {
}
