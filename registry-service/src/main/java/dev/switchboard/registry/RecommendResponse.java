package dev.switchboard.registry;

import java.util.List;

/**
 * The answer of {@code POST /models/recommend}: the ranking, what each constraint excluded, how many models were
 * considered, whether telemetry's measurements took part, notes on the request, and a message when nothing fits.
 */
public record RecommendResponse(
        List<Recommendation> recommendations,
        List<Exclusion> excluded,
        int considered,
        boolean telemetryUsed,
        List<String> notes,
        String message) {
}
