package dev.switchboard.adapters.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

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
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Operation;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.UsageEvent;

/**
 * Handles one completion request: skips it when its deadline has passed, otherwise calls the provider within the time
 * left, plain or streamed, through the {@link OperationDispatcher}, and turns the outcome into replies and one usage
 * event. A stream that breaks once content has gone out (or whose provider stays silent past the idle timeout) is a
 * {@code stream_cut}, counted with the tokens streamed so far.
 */
@ApplicationScoped
public class CompletionService {

    private final ProviderDirectory providers;
    private final OperationDispatcher operations;
    private final CallsInFlight calls;
    private final MeterRegistry meters;
    private final Duration streamIdleTimeout;
    /** Timers by provider, model and outcome: looked up once, not built again on every call. */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public CompletionService(ProviderDirectory providers, OperationDispatcher operations, CallsInFlight calls,
            MeterRegistry meters, AdaptersConfig config) {
        this.providers = providers;
        this.streamIdleTimeout = config.streamIdleTimeout();
        this.operations = operations;
        this.calls = calls;
        this.meters = meters;
    }

    public Multi<Attempt> handle(CompletionRequest request) {
        long started = System.currentTimeMillis();
        long timeLeft = request.deadlineEpochMs() - started;
        if (timeLeft <= 0) {
            // Nobody waits for this answer any more: the provider is not called, so no tokens are paid for it.
            return Multi.createFrom().item(new Attempt(null,
                    usage(request, Outcome.EXPIRED, null, started, null, TokenUsage.NONE)));
        }
        var client = providers.client(request.provider());
        boolean stream = request.streamed();
        if (client.isEmpty()) {
            String reason = providers.disabledReason(request.provider())
                    .map(why -> "provider '" + request.provider() + "' is disabled: " + why)
                    .orElse("provider '" + request.provider() + "' is not served by this adapter");
            ErrorClass errorClass = providers.isEnabled(request.provider()) ? ErrorClass.AUTH : ErrorClass.MODEL_NOT_FOUND;
            return Multi.createFrom().item(failed(request, new ReplyError(errorClass, 0, reason, null), started, stream, 0,
                    null));
        }
        return stream ? stream(client.get(), request, started, timeLeft)
                : complete(client.get(), request, started, timeLeft).toMulti();
    }

    /**
     * Answers a request without calling the provider, with a failure reply and its usage event: for a record this
     * adapter cannot serve as it stands, such as one of a newer contract version.
     */
    public Attempt refuse(CompletionRequest request, ReplyError error) {
        return failed(request, error, System.currentTimeMillis(), false, 0, null);
    }

    private Uni<Attempt> complete(ProviderClient client, CompletionRequest request, long started, long timeLeft) {
        return calls
                .track(request.requestId(), request.attempt(),
                        Uni.createFrom().deferred(() -> operations.plain(client, request)))
                .ifNoItem().after(Duration.ofMillis(timeLeft)).fail()
                .onItem().transform(response -> succeeded(request, response, started))
                .onFailure(CallsInFlight.CallCancelled.class).recoverWithItem(() -> cancelled(request, started, null,
                        TokenUsage.NONE))
                .onFailure().recoverWithItem(failure -> failed(request, classify(failure), started, false, 0, null));
    }

    private Multi<Attempt> stream(ProviderClient client, CompletionRequest request, long started, long timeLeft) {
        // Usage arrives on a chat stream's last chunk, which is dropped when the client did not ask for it.
        boolean chat = request.operation() == Operation.CHAT;
        boolean messages = request.operation() == Operation.MESSAGES;
        boolean clientWantsUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong firstToken = new AtomicLong(-1);
        StreamTally tally = new StreamTally(request.body());
        List<String> dropped = operations.streamDroppedParameters(client, request);
        long idle = Math.min(streamIdleTimeout.toMillis(), timeLeft);
        Multi<ObjectNode> events = calls.track(request.requestId(), request.attempt(),
                Multi.createFrom().deferred(() -> operations.stream(client, request)));
        Multi<Attempt> chunks = QuietStreams.watch(events, timeLeft, idle, () -> silence(request, idle))
                .select().where(chunk -> !chat || keep(chunk, clientWantsUsage, tally))
                .invoke(chunk -> {
                    if (messages) {
                        MessagesUsage.count(chunk, tally);
                    }
                })
                .map(chunk -> {
                    firstToken.compareAndSet(-1, System.currentTimeMillis() - started);
                    tally.sent(chunk);
                    int number = sequence.getAndIncrement();
                    return new Attempt(CompletionReply.chunk(request, number, chunk, false, number == 0 ? dropped : null),
                            null);
                });
        Multi<Attempt> end = Multi.createFrom().deferred(() -> {
            record(request, "success", started);
            return Multi.createFrom().item(new Attempt(CompletionReply.chunk(request, sequence.get(), null, true, null)
                    .withTokens(tally.reported().counts()),
                    usage(request, Outcome.SUCCESS, null, started, ttft(firstToken), tally.reported())));
        });
        return Multi.createBy().concatenating().streams(chunks, end)
                .onFailure(CallsInFlight.CallCancelled.class).recoverWithMulti(() -> Multi.createFrom().item(
                        cancelled(request, started, ttft(firstToken), tally.reported())))
                .onFailure().recoverWithMulti(failure -> Multi.createFrom().item(tally.committed()
                        ? cut(request, classify(failure), started, sequence.get(), ttft(firstToken), tally)
                        : failed(request, classify(failure), started, true, sequence.get(), ttft(firstToken))));
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
    private Attempt cut(CompletionRequest request, ReplyError cause, long started, int sequence, Long ttft,
            StreamTally tally) {
        record(request, ErrorClass.STREAM_CUT.wireName(), started);
        ReplyError usageError = new ReplyError(ErrorClass.STREAM_CUT, cause.providerStatus(),
                "stream cut after " + sequence + " chunks (" + cause.errorClass().wireName() + "): " + cause.message(),
                null);
        TokenUsage soFar = tally.soFar();
        return new Attempt(CompletionReply.streamFailure(request, sequence, cause).withTokens(soFar.counts()),
                usage(request, Outcome.ERROR, usageError, started, ttft, soFar));
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

    private Attempt succeeded(CompletionRequest request, ProviderResponse response, long started) {
        record(request, "success", started);
        List<String> dropped = response.droppedParameters();
        return new Attempt(CompletionReply.success(request, response.completion(), dropped)
                .withTokens(response.tokens().counts()),
                usage(request, Outcome.SUCCESS, null, started, null, response.tokens()));
    }

    private Attempt failed(CompletionRequest request, ReplyError error, long started, boolean stream, int sequence,
            Long ttft) {
        record(request, error.errorClass().wireName(), started);
        CompletionReply reply = stream ? CompletionReply.streamFailure(request, sequence, error)
                : CompletionReply.failure(request, error);
        return new Attempt(reply, usage(request, Outcome.ERROR, error, started, ttft, TokenUsage.NONE));
    }

    /**
     * Cut off because the client went away: nobody reads a reply, so none is sent. The tokens are those the provider
     * reported before the cut, usually none, since providers report usage at the end.
     */
    private Attempt cancelled(CompletionRequest request, long started, Long ttft, TokenUsage tokens) {
        record(request, Outcome.CANCELLED.wireName(), started);
        return new Attempt(null, usage(request, Outcome.CANCELLED, null, started, ttft, tokens));
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

    private static UsageEvent usage(CompletionRequest request, Outcome outcome, ReplyError error, long started, Long ttft,
            TokenUsage tokens) {
        return UsageEvent.builder(request)
                .timestamp(Instant.ofEpochMilli(started))
                .outcome(outcome)
                .error(error)
                .latencyMs(System.currentTimeMillis() - started)
                .timeToFirstTokenMs(ttft)
                .tokens(tokens.input(), tokens.output(), tokens.cachedInput())
                .reasoningTokens(tokens.reasoning())
                .cacheWriteTokens(tokens.cacheWrite(), tokens.cacheWrite1h())
                .build();
    }

    private void record(CompletionRequest request, String outcome, long started) {
        timers.computeIfAbsent(List.of(request.provider(), request.model(), outcome),
                key -> Timer.builder("gen_ai.client.operation.duration")
                        .description("Provider call duration as seen by the adapter")
                        .tag("gen_ai.system", key.get(0))
                        .tag("gen_ai.request.model", key.get(1))
                        .tag("outcome", key.get(2))
                        .register(meters))
                .record(System.currentTimeMillis() - started, TimeUnit.MILLISECONDS);
    }
}
