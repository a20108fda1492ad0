package dev.switchboard.router.service.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.AdapterChannel;
import dev.switchboard.router.messaging.ReplySink;
import dev.switchboard.router.service.ModelCatalog;
import dev.switchboard.router.service.pipeline.CandidateFilter.Skip;

/**
 * Runs a call's attempts within its one deadline until one gives a first reply: each candidate in turn, passing over
 * those a {@link CandidateFilter} skips; retryable failures are retried with backoff (or after the provider's
 * Retry-After when it fits the time left); auth, unknown-model and unsupported failures move to the next candidate,
 * context-length ones to a candidate with a larger window, and a bad request goes back to the client. A candidate the
 * door cannot write the call for ({@link CallRequest#bodyFor} refuses) is passed over. An attempt no adapter
 * acknowledges within the ack timeout, and a stream's attempt that sends no first chunk in time, is cancelled at its
 * adapter, and the next candidate takes over. An attempt the door answers itself ({@link AttemptBody#answer()}) asks no
 * adapter.
 */
@Singleton
class AttemptRunner {

    private static final String TIMEOUT = "timeout";

    private final AdapterChannel channel;
    private final Breakers breakers;
    private final ModelCatalog catalog;
    private final CallHooks hooks;
    private final CandidateFilter[] filters;
    private final RouterConfig config;

    AttemptRunner(AdapterChannel channel, Breakers breakers, ModelCatalog catalog, CallHooks hooks,
            @All List<CandidateFilter> filters, RouterConfig config) {
        this.channel = channel;
        this.breakers = breakers;
        this.catalog = catalog;
        this.hooks = hooks;
        this.filters = filters.toArray(CandidateFilter[]::new);
        this.config = config;
    }

    /** The first reply of the attempt that answered: a plain answer, or a stream's first reply with content. */
    Uni<CompletionReply> run(Call call) {
        return attempt(call, 0);
    }

    /** One attempt at the current candidate; on failure, decides whether to retry, move on or give up. */
    private Uni<CompletionReply> attempt(Call call, int retry) {
        List<Candidate> candidates = call.request().plan().candidates();
        while (call.candidateIndex < candidates.size() && skipped(call, candidates.get(call.candidateIndex))) {
            call.candidateIndex++;
        }
        if (call.candidateIndex >= candidates.size()) {
            // Out of candidates: the client gets the last provider failure, which says most about what went wrong.
            return Uni.createFrom().failure(call.lastFailure != null ? call.lastFailure
                    : call.lastRefusal != null ? call.lastRefusal
                            : new ApiException(503, "No model could take the call: " + String.join("; ", call.notes) + ".",
                                    null, "no_candidate"));
        }
        if (call.timeLeft() <= 0) {
            return Uni.createFrom().failure(timeoutError(call));
        }
        Candidate candidate = call.candidate();
        AttemptBody outgoing;
        try {
            outgoing = call.request().bodyFor(candidate);
        } catch (ApiException cannot) {
            // The door cannot write this call for this candidate (a tool only another provider has, say).
            call.notes.add(candidate.qualified() + " skipped: " + cannot.getMessage());
            call.lastRefusal = cannot;
            return moveOn(call);
        }
        int attempt = ++call.attempts;
        hooks.beforeAttempt(call, candidate);
        long started = System.currentTimeMillis();
        if (outgoing.answer() != null) {
            CompletionReply reply = answerHere(call, candidate, attempt, outgoing, started);
            hooks.afterAttempt(call, candidate, reply, null, System.currentTimeMillis() - started);
            return Uni.createFrom().item(reply);
        }
        return breakers.guard(candidate, () -> send(call, candidate, attempt, outgoing))
                .invoke(reply -> hooks.afterAttempt(call, candidate, reply, null, System.currentTimeMillis() - started))
                .onFailure().recoverWithUni(failure -> {
                    hooks.afterAttempt(call, candidate, null, failure, System.currentTimeMillis() - started);
                    return next(call, retry, failure);
                });
    }

    private boolean skipped(Call call, Candidate candidate) {
        for (CandidateFilter filter : filters) {
            Skip skip = filter.skip(call, candidate);
            if (skip != null) {
                call.notes.add(candidate.qualified() + " skipped: " + skip.reason());
                if (skip.refusal() != null) {
                    call.lastRefusal = skip.refusal();
                }
                return true;
            }
        }
        return false;
    }

    private Uni<CompletionReply> next(Call call, int retry, Throwable failure) {
        Candidate candidate = call.candidate();
        if (failure instanceof CircuitBreakerOpenException) {
            // The breaker refused the attempt before it went out (it opened meanwhile, or it is half-open and its probe
            // is out): no adapter saw it and no usage will be stored for it, so it does not count as an attempt.
            call.attempts--;
            call.notes.add(candidate.qualified() + " skipped: " + Breakers.CIRCUIT_OPEN.reason());
            return moveOn(call);
        }
        if (failure instanceof NotTaken notTaken) {
            // The request sits in a partition no live adapter reads; a retry has the same key, so the same partition.
            call.lastFailure = notTaken;
            call.notes.add(candidate.qualified() + " not taken");
            return moveOn(call);
        }
        if (!(failure instanceof ProviderFailure provider)) {
            return Uni.createFrom().failure(failure);
        }
        call.lastFailure = provider;
        ReplyError error = provider.error();
        ErrorClass errorClass = error.errorClass();
        if (errorClass == ErrorClass.BAD_REQUEST || errorClass == ErrorClass.CONTENT_FILTER) {
            return Uni.createFrom().failure(failure);
        }
        if (errorClass.retryable() && retry < config.retry().maxRetries()) {
            long delay = error.retryAfterMs() != null ? error.retryAfterMs() : Backoff.delayMs(config.retry(), retry);
            if (delay < call.timeLeft()) {
                call.notes.add(candidate.qualified() + " " + errorClass.wireName() + ", retried after " + delay + " ms");
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, delay)))
                        .onItem().transformToUni(ignored -> attempt(call, retry + 1));
            }
        }
        call.notes.add(candidate.qualified() + " " + errorClass.wireName());
        if (errorClass == ErrorClass.CONTEXT_LENGTH) {
            return largerWindow(call, failure);
        }
        return moveOn(call);
    }

    private Uni<CompletionReply> moveOn(Call call) {
        call.candidateIndex++;
        return attempt(call, 0);
    }

    /** After a context-length failure, only a candidate with a larger known window is worth trying. */
    private Uni<CompletionReply> largerWindow(Call call, Throwable failure) {
        int window = windowOf(call.candidate());
        List<Candidate> candidates = call.request().plan().candidates();
        for (int i = call.candidateIndex + 1; i < candidates.size(); i++) {
            if (windowOf(candidates.get(i)) > window) {
                call.candidateIndex = i;
                return attempt(call, 0);
            }
        }
        return Uni.createFrom().failure(failure);
    }

    private int windowOf(Candidate candidate) {
        return catalog.find(candidate.qualified()).map(model -> model.contextWindow()).orElse(0);
    }

    /**
     * An attempt the router answers itself ({@link AttemptBody#answer()}): no adapter is asked, so the router records
     * the attempt's usage event for telemetry, as it does a cache hit's. It has no tokens and costs nothing.
     */
    private CompletionReply answerHere(Call call, Candidate candidate, int attempt, AttemptBody outgoing, long started) {
        call.sentBody = outgoing;
        CompletionRequest request = request(call, candidate, attempt, outgoing);
        channel.publishUsage(call.usage(attempt, candidate)
                .outcome(Outcome.SUCCESS)
                .latencyMs(System.currentTimeMillis() - started)
                .route(request.route())
                .build(), call.recordHeaders());
        return CompletionReply.success(request, outgoing.answer().deepCopy()).withTokens(new TokenCounts(0, 0, 0));
    }

    private static CompletionRequest request(Call call, Candidate candidate, int attempt, AttemptBody outgoing) {
        CallRequest asked = call.request();
        return new CompletionRequest(call.requestId(), attempt, candidate.provider(), candidate.model(), call.deadline(),
                asked.caller().keyId(), outgoing.operation(), asked.dialect(), outgoing.body(), asked.forwardHeaders(),
                asked.plan().routeInfo(call.fellBack(), call.routeReason()), call.attribution(),
                outgoing.operation() == asked.operation() ? null : asked.operation());
    }

    /** Sends one attempt and waits for its first reply; a failed reply fails the Uni with its class. */
    private Uni<CompletionReply> send(Call call, Candidate candidate, int attempt, AttemptBody outgoing) {
        CallRequest asked = call.request();
        call.sentBody = outgoing;
        CompletionRequest request = request(call, candidate, attempt, outgoing);
        ReplySink sink;
        try {
            sink = channel.send(request, asked.streamed(), call.recordHeaders());
        } catch (ApiException notReady) {
            return Uni.createFrom().failure(notReady);
        }
        call.sent = sink;
        long sent = System.currentTimeMillis();
        long wait = call.timeLeft();
        long firstChunkTimeout = config.firstChunkTimeout().toMillis();
        boolean firstChunkLimit = asked.streamed() && firstChunkTimeout < wait;
        long limit = Math.max(1, firstChunkLimit ? firstChunkTimeout : wait);
        long ackTimeout = config.ackTimeout().toMillis();
        // Giving up on an unacknowledged attempt only pays when another candidate can take the call; for the last one,
        // an adapter that takes over the partition late (a rebalance after a crash) still answers within the deadline.
        boolean anotherCandidate = call.candidateIndex + 1 < asked.plan().candidates().size();
        Uni<Void> taken = ackTimeout >= limit || !anotherCandidate ? Uni.createFrom().voidItem()
                : channel.taken(sink, ackTimeout, limit).onFailure(TimeoutException.class).transform(e -> {
                    channel.cancel(sink);
                    return new NotTaken(candidate.provider(), ackTimeout);
                });
        return taken
                .chain(() -> channel.firstReply(sink, Math.max(1, limit - (System.currentTimeMillis() - sent))))
                .onFailure(TimeoutException.class).transform(e -> {
                    if (!firstChunkLimit) {
                        return timeoutError(call);
                    }
                    // The next candidate takes over; this attempt would only spend tokens nobody reads.
                    channel.cancel(sink);
                    return new ProviderFailure(candidate.provider(), new ReplyError(ErrorClass.TIMEOUT, 0,
                            "no first chunk within " + firstChunkTimeout + " ms", null));
                })
                .map(reply -> {
                    if (reply.error() != null) {
                        throw new ProviderFailure(candidate.provider(), reply.error());
                    }
                    return reply;
                });
    }

    /**
     * No adapter acknowledged the attempt in time: none consumes the provider's topic now, or the one that holds its
     * partition is stuck. A provider fault like a timeout (so it counts against the breakers), but never retried; the
     * caller, when no candidate is left, gets a 503 {@code provider_unavailable}.
     */
    static final class NotTaken extends ProviderFailure {

        NotTaken(String provider, long ackTimeoutMs) {
            super(provider, new ReplyError(ErrorClass.TIMEOUT, 0, "no adapter took the request within " + ackTimeoutMs
                    + " ms", null), 503, ServedFilter.PROVIDER_UNAVAILABLE);
        }
    }

    ApiException timeoutError(Call call) {
        return new ApiException(504, "No answer within " + config.requestTimeout().toSeconds() + " s (" + call.attempts()
                + " attempts).", null, TIMEOUT);
    }

    /** Whether the call ended because its deadline passed. */
    static boolean isTimeout(ApiException failure) {
        return failure.status() == 504 && TIMEOUT.equals(failure.code());
    }
}
