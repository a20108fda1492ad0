package dev.switchboard.telemetry.requests;

import java.util.List;

/** The whole story of one client call: its summary and every attempt, in order. */
public record RequestStory(RequestSummary summary, List<AttemptRecord> attempts) {
}
