package dev.switchboard.telemetry.alerts;

import java.util.List;

/** The answer of {@code GET /telemetry/alerts}: what fires now, the latest alerts of any status, and the rules. */
public record AlertsView(List<Alert> active, List<Alert> history, List<AlertRule> rules) {
}
