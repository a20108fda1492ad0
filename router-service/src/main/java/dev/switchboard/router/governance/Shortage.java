package dev.switchboard.router.governance;

/** Which of a scope's limits a call could not be given, and, for a rate, when the next permit frees. */
record Shortage(Kind kind, long retryAfterMs) {

    enum Kind {
        BUDGET,
        REQUESTS,
        TOKENS,
        PARALLEL,
        UNAVAILABLE
    }
}
