package dev.switchboard.router.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * One call's tracing state, attached to the call: the context its attempts are children of, when the router last
 * started to work for it (the call's start, then each attempt's end), and the attempt span still open, if any.
 */
final class CallTrace {

    final Context parent;
    volatile long readySince = System.nanoTime();
    volatile Span attempt;

    CallTrace(Context parent) {
        this.parent = parent;
    }
}
