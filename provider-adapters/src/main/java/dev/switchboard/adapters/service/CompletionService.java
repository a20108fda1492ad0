package dev.switchboard.adapters.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.DoubleStream;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.ProviderClient;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.Secrets;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.adapters.config.AdaptersConfig;
import dev.switchboard.adapters.tracing.GenAiSpan;
import dev.switchboard.adapters.tracing.TracingConfig;
import dev.switchboard.api.tracing.Tracing;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.Providers;
import dev.switchboard.contracts.ReplyError;

/**
 * Handles one completion request: skips it when its deadline has passed, otherwise calls the provider within the time
 * left, plain or streamed, through the {@link OperationDispatcher}, as a GenAI client span, and turns the outcome into
 * replies and one usage event. A stream that breaks once content has gone out (or whose provider stays silent past the
 * idle timeout) is a {@code stream_cut}, counted with the tokens streamed so far.
 */
@Singleton
public class CompletionService {

    private final ProviderDirectory providers;
    private final OperationDispatcher operations;
    private final CallsInFlight calls;
    private final MeterRegistry meters;
    private final Tracing tracing;
    private final boolean captureContent;
    private final Duration streamIdleTimeout;
    /** The conventions' explicit bucket boundaries for {@code gen_ai.client.operation.duration}, in seconds. */
    private static final Duration[] DURATION_BUCKETS = DoubleStream.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
            2.56, 5.12, 10.24, 20.48, 40.96, 81.92).mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
            .toArray(Duration[]::new);
    /** Timers by provider, model, operation and outcome: looked up once, not built again on every call. */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public CompletionService(ProviderDirectory providers, OperationDispatcher operations, CallsInFlight calls,
            MeterRegistry meters, AdaptersConfig config, Tracing tracing, TracingConfig tracingConfig) {
        this.providers = providers;
        this.streamIdleTimeout = config.streamIdleTimeout();
        this.operations = operations;
        this.calls = calls;
        this.meters = meters;
        this.tracing = tracing;
        this.captureContent = tracingConfig.captureContent();
    }

    public Multi<Attempt> handle(CompletionRequest request, Arrival arrival) {
        long timeLeft = request.deadlineEpochMs() - System.currentTimeMillis();
        if (timeLeft <= 0) {
            // Nobody waits for this answer any more: the provider is not called, so no tokens are paid for it.
            CallRecord call = new CallRecord(request, arrival, null);
            return Multi.createFrom().item(new Attempt(null, call.usage(Outcome.EXPIRED, null, null, TokenUsage.NONE,
                    null)));
        }
        var client = providers.client(request.provider());
        boolean stream = request.streamed();
        if (client.isEmpty()) {
            String reason = providers.disabledReason(request.provider())
                    .map(why -> "provider '" + request.provider() + "' is disabled: " + why)
                    .orElse("provider '" + request.provider() + "' is not served by this adapter");
            ErrorClass errorClass = providers.isEnabled(request.provider()) ? ErrorClass.AUTH : ErrorClass.MODEL_NOT_FOUND;
            return Multi.createFrom().item(failed(new CallRecord(request, arrival, null),
                    new ReplyError(errorClass, 0, reason, null), stream, 0, null, TokenUsage.NONE));
        }
        CallRecord call = new CallRecord(request, arrival,
                GenAiSpan.start(tracing.tracer(), arrival.trace(), request, captureContent));
        return stream ? stream(client.get(), call, timeLeft) : complete(client.get(), call, timeLeft).toMulti();
    }

    /**
     * Skips a request whose router replica is gone, taken after it died: nobody would read the answer, so the provider
     * is not called, and no reply is sent.
     */
    public Attempt abandon(CompletionRequest request, Arrival arrival) {
        CallRecord call = new CallRecord(request, arrival, null);
        return new Attempt(null, call.usage(Outcome.CANCELLED, null, null, TokenUsage.NONE, null).toBuilder()
                .errorMessage(CallsInFlight.CallCancelled.routerGone(arrival.router())).build());
    }

    /**
     * Answers a request without calling the provider, with a failure reply and its usage event: for a record this
     * adapter cannot serve as it stands, such as one of a newer contract version.
     */
    public Attempt refuse(CompletionRequest request, Arrival arrival, ReplyError error) {
        return failed(new CallRecord(request, arrival, null), error, false, 0, null, TokenUsage.NONE);
    }

    private Uni<Attempt> complete(ProviderClient client, CallRecord call, long timeLeft) {
        CompletionRequest request = call.request();
        return calls
                .track(request.requestId(), request.attempt(), call.router(),
                        Uni.createFrom().deferred(() -> operations.plain(client, request)), call.callContext())
                .ifNoItem().after(Duration.ofMillis(timeLeft)).fail()
                .onItem().transform(response -> succeeded(call, response))
                .onFailure(CallsInFlight.CallCancelled.class).recoverWithItem(failure -> cancelled(call, failure, null,
                        TokenUsage.NONE))
                .onFailure().recoverWithItem(failure -> failed(call, classify(failure), false, 0, null,
                        TokenUsage.NONE));
    }

    private Multi<Attempt> stream(ProviderClient client, CallRecord call, long timeLeft) {
        CompletionRequest request = call.request();
        // Usage arrives on a chat stream's last chunk, which is dropped when the client did not ask for it.
        boolean chat = request.operation() == Operation.CHAT;
        boolean messages = request.operation() == Operation.MESSAGES;
        boolean responses = request.operation() == Operation.RESPONSES;
        boolean clientWantsUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong firstToken = new AtomicLong(-1);
        StreamTally tally = new StreamTally(request.body());
        List<String> dropped = operations.streamDroppedParameters(client, request);
        long idle = Math.min(streamIdleTimeout.toMillis(), timeLeft);
        Multi<ObjectNode> events = calls.track(request.requestId(), request.attempt(), call.router(),
                Multi.createFrom().deferred(() -> operations.stream(client, request)), call.callContext());
        Multi<Attempt> chunks = QuietStreams.watch(events, timeLeft, idle, () -> silence(request, idle))
                .select().where(chunk -> !chat || keep(chunk, clientWantsUsage, tally))
                .invoke(chunk -> {
                    if (messages) {
                        MessagesUsage.count(chunk, tally);
                    } else if (responses) {
                        countResponsesUsage(chunk, tally);
                    }
                })
                .map(chunk -> {
                    firstToken.compareAndSet(-1, System.currentTimeMillis() - call.startedMs());
                    tally.sent(chunk);
                    call.streamedEvent(chunk);
                    int number = sequence.getAndIncrement();
                    return new Attempt(CompletionReply.chunk(request, number, chunk, false, number == 0 ? dropped : null),
                            null);
                });
        Multi<Attempt> end = Multi.createFrom().deferred(() -> {
            record(request, "success", call.startedMs());
            call.span().streamed(tally.reported());
            return Multi.createFrom().item(new Attempt(CompletionReply.chunk(request, sequence.get(), null, true, null)
                    .withTokens(tally.reported().counts()),
                    call.usage(Outcome.SUCCESS, null, ttft(firstToken), tally.reported(), null)));
        });
        return Multi.createBy().concatenating().streams(chunks, end)
                .onFailure(CallsInFlight.CallCancelled.class).recoverWithMulti(failure -> Multi.createFrom().item(
                        cancelled(call, failure, ttft(firstToken), tally.soFar())))
                .onFailure().recoverWithMulti(failure -> Multi.createFrom().item(tally.committed()
                        ? cut(call, classify(failure), sequence.get(), ttft(firstToken), tally)
                        : failed(call, classify(failure), true, sequence.get(), ttft(firstToken), tally.reported())));
    }

    /** Why a stream went quiet: the request's deadline passed, or the provider sent nothing for the idle timeout. */
    private static ProviderException silence(CompletionRequest request, long idleMs) {
        if (System.currentTimeMillis() >= request.deadlineEpochMs()) {
            return new ProviderException(ErrorClass.TIMEOUT, "the provider did not answer before the request's deadline");
        }
        return new ProviderException(ErrorClass.TIMEOUT, "the provider sent nothing for " + idleMs + " ms");
    }

    /**
     * A stream that broke after its content reached the caller: the reply keeps the cause's class (the caller's error
     * event says what happened), and the usage says {@code stream_cut} with the tokens streamed so far, so the half
     * answer is paid for in telemetry like any other.
     */
    private Attempt cut(CallRecord call, ReplyError cause, int sequence, Long ttft, StreamTally tally) {
        CompletionRequest request = call.request();
        record(request, ErrorClass.STREAM_CUT.wireName(), call.startedMs());
        ReplyError usageError = new ReplyError(ErrorClass.STREAM_CUT, cause.providerStatus(),
                "stream cut after " + sequence + " chunks (" + cause.errorClass().wireName() + "): " + cause.message(),
                null);
        TokenUsage soFar = tally.soFar();
        call.span().failed(usageError, soFar);
        return new Attempt(CompletionReply.streamFailure(request, sequence, cause).withTokens(soFar.counts()),
                call.usage(Outcome.ERROR, usageError, ttft, soFar, null));
    }

    /** A Responses stream reports its usage once, on the {@code response} of the event that ends it. */
    private static void countResponsesUsage(ObjectNode event, StreamTally tally) {
        JsonNode usage = event.path("response").get("usage");
        if (usage != null && usage.isObject()) {
            tally.reported(TokenUsage.ofResponses(usage));
        }
    }

    /** Records the usage a chunk carries, and drops the usage-only chunk when the client did not ask for it. */
    private static boolean keep(ObjectNode chunk, boolean clientWantsUsage, StreamTally tally) {
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            tally.reported(TokenUsage.of(usage));
            if (!clientWantsUsage) {
                chunk.remove("usage");
                return chunk.path("choices").size() > 0;
            }
        }
        return true;
    }

    private Attempt succeeded(CallRecord call, ProviderResponse response) {
        CompletionRequest request = call.request();
        record(request, "success", call.startedMs());
        TokenUsage tokens = response.tokens();
        call.span().succeeded(response.completion(), tokens);
        return new Attempt(CompletionReply.success(request, response.completion(), response.droppedParameters())
                .withTokens(tokens.counts()),
                call.usage(Outcome.SUCCESS, null, null, tokens, response.completion()));
    }

    private Attempt failed(CallRecord call, ReplyError error, boolean stream, int sequence, Long ttft,
            TokenUsage tokens) {
        CompletionRequest request = call.request();
        record(request, error.errorClass().wireName(), call.startedMs());
        if (call.span() != null) {
            call.span().failed(error, tokens);
        }
        CompletionReply reply = stream ? CompletionReply.streamFailure(request, sequence, error)
                : CompletionReply.failure(request, error);
        return new Attempt(reply, call.usage(Outcome.ERROR, error, ttft, TokenUsage.NONE, null));
    }

    /**
     * Cut off because nobody waits any more (the client went away, or the router replica that sent the request is
     * gone): nobody reads a reply, so none is sent. The usage says why, with the tokens so far: a stream's are those
     * streamed before the cut (counted as for a cut stream), a plain call's those the provider reported (none, as
     * providers report usage with the answer).
     */
    private Attempt cancelled(CallRecord call, Throwable why, Long ttft, TokenUsage tokens) {
        record(call.request(), Outcome.CANCELLED.wireName(), call.startedMs());
        call.span().cancelled(tokens);
        return new Attempt(null, call.usage(Outcome.CANCELLED, null, ttft, tokens, null).toBuilder()
                .errorMessage(why.getMessage()).build());
    }

    private static ReplyError classify(Throwable failure) {
        if (failure instanceof ProviderException provider) {
            return provider.error();
        }
        if (failure instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException) {
            return new ReplyError(ErrorClass.TIMEOUT, 0, "the provider did not answer before the request's deadline", null);
        }
        return new ReplyError(ErrorClass.SERVER_ERROR, 0,
                "adapter failure: " + failure.getClass().getSimpleName() + ": " + Secrets.redact(failure.getMessage()), null);
    }

    private static Long ttft(AtomicLong firstToken) {
        return firstToken.get() < 0 ? null : firstToken.get();
    }

    /** The provider call's duration by the GenAI conventions' names; {@code error.type} is empty on success. */
    private void record(CompletionRequest request, String outcome, long started) {
        timers.computeIfAbsent(List.of(request.provider(), request.model(), request.operation().wireName(), outcome),
                key -> Timer.builder("gen_ai.client.operation.duration")
                        .description("Provider call duration as seen by the adapter")
                        .tag("gen_ai.provider.name", Providers.genAiName(key.get(0)))
                        .tag("gen_ai.request.model", key.get(1))
                        .tag("gen_ai.operation.name", GenAiSpan.operationName(request.operation()))
                        .tag("error.type", "success".equals(key.get(3)) ? "" : key.get(3))
                        .tag("outcome", key.get(3))
                        .serviceLevelObjectives(DURATION_BUCKETS)
                        .register(meters))
                .record(System.currentTimeMillis() - started, TimeUnit.MILLISECONDS);
    }
}
