package dev.switchboard.router;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A completed call as the client gets it, with what the response headers report. */
public record RoutedCompletion(String requestId, String provider, String model, int attempts, ObjectNode completion) {
}
