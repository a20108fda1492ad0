package dev.switchboard.telemetry.requests;

import java.util.List;

/** A page of the request log, newest call first, with the number of calls the filter matches. */
public record RequestPage(List<RequestSummary> data, int page, int size, long total) {
}
