package dev.switchboard.telemetry.housekeeping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What {@code POST /telemetry/reset} deleted, row counts by table, and what it left alone. */
public record ResetReport(Instant clearedAt, Map<String, Long> cleared, List<String> kept) {
}
