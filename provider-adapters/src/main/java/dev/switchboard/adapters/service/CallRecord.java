package dev.switchboard.adapters.service;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Context;

import dev.switchboard.adapters.client.CallTiming;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.adapters.tracing.GenAiSpan;
import dev.switchboard.api.tracing.KafkaTraceContext;
import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.LoggedBodies;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;

/**
 * What one attempt's handling keeps while it runs: when it started, the provider call's timing and span, and, when the
 * request log keeps bodies, a stream's events. It makes the attempt's usage event.
 */
final class CallRecord {

    private final CompletionRequest request;
    private final Arrival arrival;
    private final long startedMs = System.currentTimeMillis();
    private final long startedNanos = System.nanoTime();
    private final CallTiming timing = new CallTiming();
    private final GenAiSpan span;
    private final ArrayNode streamed;
    private boolean providerCalled;

    CallRecord(CompletionRequest request, Arrival arrival, GenAiSpan span) {
        this.request = request;
        this.arrival = arrival;
        this.span = span;
        this.streamed = arrival.requestLog() == RequestLogLevel.FULL && request.streamed()
                ? JsonNodeFactory.instance.arrayNode()
                : null;
    }

    CompletionRequest request() {
        return request;
    }

    /** The router replica that waits for this attempt's answer; null when its request did not say. */
    String router() {
        return arrival.router();
    }

    long startedMs() {
        return startedMs;
    }

    /** The span of the provider call, or null when no provider is called. */
    GenAiSpan span() {
        return span;
    }

    CallTiming timing() {
        return timing;
    }

    /** The Mutiny context the provider call is subscribed with, so that the HTTP client finds the timing. */
    Context callContext() {
        providerCalled = true;
        return Context.of(CallTiming.KEY, timing);
    }

    /** A stream event as the client gets it. */
    void streamedEvent(JsonNode event) {
        timing.firstToken();
        if (span != null) {
            span.chunk(event);
        }
        if (streamed != null) {
            streamed.add(event.deepCopy());
        }
    }

    UsageEvent usage(Outcome outcome, ReplyError error, Long ttft, TokenUsage tokens, JsonNode answer) {
        return UsageEvent.builder(request)
                .timestamp(Instant.ofEpochMilli(startedMs))
                .outcome(outcome)
                .error(error)
                .latencyMs(System.currentTimeMillis() - startedMs)
                .timeToFirstTokenMs(ttft)
                .tokens(tokens.input(), tokens.output(), tokens.cachedInput())
                .reasoningTokens(tokens.reasoning())
                .cacheWriteTokens(tokens.cacheWrite(), tokens.cacheWrite1h())
                .traceId(KafkaTraceContext.traceId(arrival.trace()))
                .timings(timings())
                .bodies(arrival.requestLog() == RequestLogLevel.FULL
                        ? new LoggedBodies(request.body(), streamed != null ? streamed : answer)
                        : null)
                .requestLog(arrival.requestLog())
                .build();
    }

    private AttemptTimings timings() {
        if (!providerCalled) {
            return new AttemptTimings(arrival.routerMs(), arrival.toAdapterMs(), null, null, null, null);
        }
        return new AttemptTimings(arrival.routerMs(), arrival.toAdapterMs(), timing.connectMs(),
                timing.firstTokenMs(startedNanos), timing.lastTokenMs(startedNanos, System.nanoTime()), null);
    }
}
