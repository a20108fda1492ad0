package dev.switchboard.e2e.faults;

/**
 * What one call of the load got, as the client saw it.
 *
 * @param router the base URL the call went to
 * @param requestId the router's {@code X-Request-Id}, or null when no answer came
 * @param attempts the router's {@code X-Switchboard-Attempts}, or 0 when absent
 * @param detail why the call counts as lost, or the error code of a clear failure
 */
record CallOutcome(String router, boolean streamed, Kind kind, int status, String requestId, int attempts,
        long elapsedMillis, String detail) {

    /** How a call ended. */
    enum Kind {
        /** The right answer (the mock echoes the prompt), in time. */
        ANSWERED,
        /** A 4xx/5xx, or a stream's error event, in the caller's error shape, in time. */
        FAILED_CLEARLY,
        /** Sent to a replica while the test was killing it: the connection died with the process. */
        CUT_WITH_REPLICA,
        /** No answer within the deadline, a broken connection, a wrong answer, or an error without the shape. */
        LOST
    }
}
