package dev.switchboard.router.observability;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.common.vertx.ContextLocals;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.tracing.Tracing;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Providers;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.Topics;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.service.pipeline.Call;
import dev.switchboard.router.service.pipeline.CallHook;
import dev.switchboard.router.service.pipeline.ProviderFailure;

/**
 * A call's attempts as spans, through the pipeline's hooks: each attempt (retries and fallbacks are siblings under the
 * call's span) with its number, provider, model and outcome, and under it the send to the provider's request topic,
 * whose context the request carries to the adapter in {@code traceparent}. Each request also says how long the attempt
 * waited in the router, and the call's requests and own usage events what the request log keeps of it. A stream's
 * attempt lasts until the stream ends.
 */
@Singleton
public class CallTracing implements CallHook {

    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("switchboard.attempt");
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("switchboard.request_id");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.outcome");
    private static final AttributeKey<Boolean> FALLBACK = AttributeKey.booleanKey("switchboard.fallback");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");

    private final Tracing tracing;
    private final RequestLogConfig requestLog;

    public CallTracing(Tracing tracing, RequestLogConfig requestLog) {
        this.tracing = tracing;
        this.requestLog = requestLog;
    }

    @Override
    public void beforeCall(Call call) {
        SpanContext span = ContextLocals.<SpanContext> get(CallTraceFilter.CALL_SPAN).orElse(SpanContext.getInvalid());
        call.attach(CallTrace.class, new CallTrace(Context.root().with(Span.wrap(span))));
        RequestLogLevel log = requestLog(call);
        if (log != RequestLogLevel.METADATA) {
            call.recordHeader(MessageHeaders.REQUEST_LOG, log.wireName());
        }
    }

    @Override
    public void beforeAttempt(Call call, Candidate candidate) {
        CallTrace trace = call.attachment(CallTrace.class);
        if (trace == null) {
            return;
        }
        long routerMs = (System.nanoTime() - trace.readySince) / 1_000_000;
        call.recordHeader(MessageHeaders.ROUTER_MS, String.valueOf(routerMs));
        if (!Span.fromContext(trace.parent).getSpanContext().isSampled()) {
            // No service records a span of a call that is not sampled, so none is built for it: its request carries
            // the call's own context on, which is what a span that records nothing would have carried but its id.
            inject(trace.parent, call);
            trace.attempt = Span.getInvalid();
            return;
        }
        Span attempt = tracing.tracer().spanBuilder("attempt " + candidate.qualified())
                .setParent(trace.parent)
                .setAttribute(REQUEST_ID, call.requestId())
                .setAttribute(ATTEMPT, (long) call.attempts())
                .setAttribute(PROVIDER, Providers.genAiName(candidate.provider()))
                .setAttribute(MODEL, candidate.model())
                .setAttribute(FALLBACK, call.fellBack())
                .startSpan();
        String topic = Topics.requests(candidate.provider());
        Span send = tracing.tracer().spanBuilder("send " + topic)
                .setParent(trace.parent.with(attempt))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(OPERATION, "send")
                .startSpan();
        inject(trace.parent.with(send), call);
        // The record is handed to the producer right after this; the hop itself is measured by the adapter.
        send.end();
        trace.attempt = attempt;
    }

    private static void inject(Context context, Call call) {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        carrier.forEach(call::recordHeader);
    }

    @Override
    public void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
        CallTrace trace = call.attachment(CallTrace.class);
        if (trace == null || trace.attempt == null) {
            return;
        }
        trace.readySince = System.nanoTime();
        if (failure != null) {
            end(trace, Outcome.ERROR, failure);
        } else if (!call.request().streamed()) {
            end(trace, Outcome.SUCCESS, null);
        }
    }

    @Override
    public void afterCall(Call call, Outcome outcome, Throwable failure) {
        CallTrace trace = call.attachment(CallTrace.class);
        if (trace != null && trace.attempt != null) {
            end(trace, outcome, failure);
        }
    }

    private static void end(CallTrace trace, Outcome outcome, Throwable failure) {
        Span attempt = trace.attempt;
        trace.attempt = null;
        if (attempt == null) {
            return;
        }
        attempt.setAttribute(OUTCOME, outcome.wireName());
        if (failure != null) {
            attempt.setAttribute(ERROR_TYPE, errorType(failure));
            attempt.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        attempt.end();
    }

    private static String errorType(Throwable failure) {
        if (failure instanceof ProviderFailure provider) {
            return provider.error().errorClass().wireName();
        }
        if (failure instanceof ApiException api && api.code() != null) {
            return api.code();
        }
        return failure.getClass().getSimpleName();
    }

    private RequestLogLevel requestLog(Call call) {
        var caller = call.request().caller();
        RequestLogLevel level = requestLog.keys().get(caller.keyId());
        if (level == null && caller.principal() != null) {
            level = requestLog.keys().get(caller.principal().name());
        }
        return level != null ? level : requestLog.level();
    }
}
