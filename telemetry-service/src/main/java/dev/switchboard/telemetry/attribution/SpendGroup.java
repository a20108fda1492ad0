package dev.switchboard.telemetry.attribution;

import java.math.BigDecimal;

/**
 * Usage of one group over a window: its id (the operation, key id, team id, end user or tag; null for the attempts
 * that had none), its name where it has one (a key's or a team's), and its attempts, tokens and cost counted as
 * {@code GET /telemetry} counts them (answers from the router's cache apart).
 */
public record SpendGroup(
        String id,
        String name,
        long requests,
        long successes,
        long failures,
        long cacheHits,
        long inputTokens,
        long outputTokens,
        BigDecimal costUsd,
        long unpricedRequests) {
}
