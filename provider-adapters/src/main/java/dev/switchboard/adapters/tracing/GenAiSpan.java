package dev.switchboard.adapters.tracing;

import static dev.switchboard.adapters.tracing.GenAiAttributes.ATTEMPT;
import static dev.switchboard.adapters.tracing.GenAiAttributes.ERROR_TYPE;
import static dev.switchboard.adapters.tracing.GenAiAttributes.INPUT_MESSAGES;
import static dev.switchboard.adapters.tracing.GenAiAttributes.OPERATION_NAME;
import static dev.switchboard.adapters.tracing.GenAiAttributes.OUTCOME;
import static dev.switchboard.adapters.tracing.GenAiAttributes.OUTPUT_MESSAGES;
import static dev.switchboard.adapters.tracing.GenAiAttributes.PROVIDER_NAME;
import static dev.switchboard.adapters.tracing.GenAiAttributes.REQUEST_ID;
import static dev.switchboard.adapters.tracing.GenAiAttributes.REQUEST_MAX_TOKENS;
import static dev.switchboard.adapters.tracing.GenAiAttributes.REQUEST_MODEL;
import static dev.switchboard.adapters.tracing.GenAiAttributes.REQUEST_STREAM;
import static dev.switchboard.adapters.tracing.GenAiAttributes.REQUEST_TEMPERATURE;
import static dev.switchboard.adapters.tracing.GenAiAttributes.RESPONSE_FINISH_REASONS;
import static dev.switchboard.adapters.tracing.GenAiAttributes.RESPONSE_ID;
import static dev.switchboard.adapters.tracing.GenAiAttributes.RESPONSE_MODEL;
import static dev.switchboard.adapters.tracing.GenAiAttributes.USAGE_CACHE_READ_TOKENS;
import static dev.switchboard.adapters.tracing.GenAiAttributes.USAGE_INPUT_TOKENS;
import static dev.switchboard.adapters.tracing.GenAiAttributes.USAGE_OUTPUT_TOKENS;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Providers;
import dev.switchboard.contracts.ReplyError;

/**
 * One provider call as an OpenTelemetry GenAI client span, named {@code {operation} {model}}: the request's model and
 * parameters when it starts; the answer's id, model, finish reasons and tokens, or the error class as
 * {@code error.type}, when it ends. Prompt and answer text are recorded only when {@code capture-content} is on. With
 * tracing off the span records nothing, and nothing here reads the answer for it.
 */
public final class GenAiSpan {

    private final Span span;
    private final GenAiContent content;
    private String responseId;
    private String responseModel;
    private final Set<String> finishReasons = new LinkedHashSet<>();

    private GenAiSpan(Span span, GenAiContent content) {
        this.span = span;
        this.content = content;
    }

    /** The conventions' {@code gen_ai.operation.name} of an operation. */
    public static String operationName(Operation operation) {
        return GenAiAttributes.operationName(operation);
    }

    /** Starts the span as a child of {@code parent}, the adapter's span for the request it took. */
    public static GenAiSpan start(Tracer tracer, Context parent, CompletionRequest request, boolean captureContent) {
        SpanContext caller = Span.fromContext(parent).getSpanContext();
        if (!caller.isSampled()) {
            // Nobody samples the call: no span is built (it would record nothing), and the parent's context goes on.
            return new GenAiSpan(Span.wrap(caller), null);
        }
        String operation = GenAiAttributes.operationName(request.operation());
        Span span = tracer.spanBuilder(operation + " " + request.model())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .startSpan();
        if (!span.isRecording()) {
            return new GenAiSpan(span, null);
        }
        JsonNode body = request.body();
        span.setAttribute(OPERATION_NAME, operation)
                .setAttribute(PROVIDER_NAME, Providers.genAiName(request.provider()))
                .setAttribute(REQUEST_MODEL, request.model())
                .setAttribute(REQUEST_STREAM, request.streamed())
                .setAttribute(REQUEST_ID, request.requestId())
                .setAttribute(ATTEMPT, (long) request.attempt());
        if (body != null) {
            JsonNode maxTokens = body.has("max_completion_tokens") ? body.get("max_completion_tokens")
                    : body.has("max_output_tokens") ? body.get("max_output_tokens") : body.get("max_tokens");
            if (maxTokens != null && maxTokens.canConvertToLong()) {
                span.setAttribute(REQUEST_MAX_TOKENS, maxTokens.asLong());
            }
            if (body.path("temperature").isNumber()) {
                span.setAttribute(REQUEST_TEMPERATURE, body.get("temperature").asDouble());
            }
        }
        GenAiContent content = captureContent ? new GenAiContent() : null;
        if (content != null) {
            span.setAttribute(INPUT_MESSAGES, content.input(body));
        }
        return new GenAiSpan(span, content);
    }

    /** The span's context, for what happens within the call. */
    public Context context(Context parent) {
        return parent.with(span);
    }

    /** Notes what a stream's event says about the answer (chat chunks: id, model, finish reasons, text). */
    public void chunk(JsonNode chunk) {
        if (!span.isRecording()) {
            return;
        }
        read(chunk);
        if (content != null) {
            content.delta(chunk);
        }
    }

    /** A plain answer. */
    public void succeeded(JsonNode answer, TokenUsage tokens) {
        if (span.isRecording()) {
            read(answer);
            if (content != null) {
                span.setAttribute(OUTPUT_MESSAGES, content.output(answer));
            }
        }
        end(Outcome.SUCCESS, tokens);
    }

    /** A stream that ended well. */
    public void streamed(TokenUsage tokens) {
        if (content != null && span.isRecording()) {
            span.setAttribute(OUTPUT_MESSAGES, content.streamedOutput(finishReasons));
        }
        end(Outcome.SUCCESS, tokens);
    }

    public void failed(ReplyError error, TokenUsage tokens) {
        span.setAttribute(ERROR_TYPE, error.errorClass().wireName());
        span.setStatus(StatusCode.ERROR, error.message());
        end(Outcome.ERROR, tokens);
    }

    /** Cut off at the router's request: not the provider's failure, so the status stays unset. */
    public void cancelled(TokenUsage tokens) {
        end(Outcome.CANCELLED, tokens);
    }

    private void read(JsonNode answer) {
        if (answer == null) {
            return;
        }
        if (responseId == null && answer.path("id").isTextual()) {
            responseId = answer.get("id").asText();
        }
        if (responseModel == null && answer.path("model").isTextual()) {
            responseModel = answer.get("model").asText();
        }
        for (JsonNode choice : answer.path("choices")) {
            if (choice.path("finish_reason").isTextual()) {
                finishReasons.add(choice.get("finish_reason").asText());
            }
        }
        if (answer.path("stop_reason").isTextual()) {
            finishReasons.add(answer.get("stop_reason").asText());
        }
    }

    private void end(Outcome outcome, TokenUsage tokens) {
        if (span.isRecording()) {
            if (responseId != null) {
                span.setAttribute(RESPONSE_ID, responseId);
            }
            if (responseModel != null) {
                span.setAttribute(RESPONSE_MODEL, responseModel);
            }
            if (!finishReasons.isEmpty()) {
                span.setAttribute(RESPONSE_FINISH_REASONS, new ArrayList<>(finishReasons));
            }
            // A failed call reports tokens only when the provider counted some before it failed.
            boolean counted = tokens != null && (outcome != Outcome.ERROR || tokens.input() + tokens.output() > 0);
            if (counted) {
                span.setAttribute(USAGE_INPUT_TOKENS, tokens.input());
                span.setAttribute(USAGE_OUTPUT_TOKENS, tokens.output());
                if (tokens.cachedInput() > 0) {
                    span.setAttribute(USAGE_CACHE_READ_TOKENS, tokens.cachedInput());
                }
            }
            span.setAttribute(OUTCOME, outcome.wireName());
        }
        span.end();
    }
}
