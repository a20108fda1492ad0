package dev.switchboard.adapters.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.contracts.UsageEvent;

/**
 * Handles one completion request: skips it when its deadline has passed, otherwise calls the provider within the time
 * left and turns the outcome, success or classified failure, into a reply and a usage event.
 */
@ApplicationScoped
public class CompletionService {

    private final ProviderDirectory providers;
    private final MeterRegistry meters;

    public CompletionService(ProviderDirectory providers, MeterRegistry meters) {
        this.providers = providers;
        this.meters = meters;
    }

    public Uni<Attempt> handle(CompletionRequest request) {
        long started = System.currentTimeMillis();
        long timeLeft = request.deadlineEpochMs() - started;
        if (timeLeft <= 0) {
            // Nobody waits for this answer any more: the provider is not called, so no tokens are paid for it.
            return Uni.createFrom().item(new Attempt(null, usage(request, Outcome.EXPIRED, null, started, null)));
        }
        var client = providers.client(request.provider());
        if (client.isEmpty()) {
            return Uni.createFrom().item(failed(request, new ReplyError(ErrorClass.MODEL_NOT_FOUND, 0,
                    "provider '" + request.provider() + "' is not served by this adapter", null), started));
        }
        return client.get().complete(request)
                .ifNoItem().after(Duration.ofMillis(timeLeft)).fail()
                .onItem().transform(response -> succeeded(request, response, started))
                .onFailure().recoverWithItem(failure -> failed(request, classify(failure), started));
    }

    private Attempt succeeded(CompletionRequest request, ProviderResponse response, long started) {
        record(request, "success", started);
        return new Attempt(CompletionReply.success(request, response.completion()),
                usage(request, Outcome.SUCCESS, null, started, response));
    }

    private Attempt failed(CompletionRequest request, ReplyError error, long started) {
        record(request, error.errorClass().wireName(), started);
        return new Attempt(CompletionReply.failure(request, error), usage(request, Outcome.ERROR, error, started, null));
    }

    private static ReplyError classify(Throwable failure) {
        if (failure instanceof ProviderException provider) {
            return provider.error();
        }
        if (failure instanceof TimeoutException) {
            return new ReplyError(ErrorClass.TIMEOUT, 0, "the provider did not answer before the request's deadline", null);
        }
        return new ReplyError(ErrorClass.SERVER_ERROR, 0, "adapter failure: " + failure.getClass().getSimpleName(), null);
    }

    private static UsageEvent usage(CompletionRequest request, Outcome outcome, ReplyError error, long started,
            ProviderResponse response) {
        return new UsageEvent(request.requestId(), request.attempt(), Instant.ofEpochMilli(started), request.provider(),
                request.model(), outcome, error == null ? null : error.errorClass(), error == null ? null : error.message(),
                System.currentTimeMillis() - started, null,
                response == null ? 0 : response.inputTokens(),
                response == null ? 0 : response.outputTokens(),
                response == null ? 0 : response.cachedInputTokens(),
                request.apiKeyId());
    }

    private void record(CompletionRequest request, String outcome, long started) {
        Timer.builder("gen_ai.client.operation.duration")
                .description("Provider call duration as seen by the adapter")
                .tag("gen_ai.system", request.provider())
                .tag("gen_ai.request.model", request.model())
                .tag("outcome", outcome)
                .register(meters)
                .record(Duration.ofMillis(System.currentTimeMillis() - started));
    }
}
