package dev.switchboard.telemetry.requests;

import java.time.Instant;

/**
 * Which client calls to list: started in [{@code from}, {@code to}), and optionally by key (its id or name), by team,
 * by a model or provider any attempt used, by the call's final outcome, and by a minimum latency; {@code page} from 0.
 */
public record RequestFilter(Instant from, Instant to, String key, String team, String model, String provider,
        String outcome, Long minLatencyMs, int page, int size) {
}
