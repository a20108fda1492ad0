package dev.switchboard.router.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ReplyError;
import dev.switchboard.router.ChatRequest;
import dev.switchboard.router.RoutedCompletion;
import dev.switchboard.router.config.RouterConfig;
import dev.switchboard.router.messaging.ReplyListener;
import dev.switchboard.router.messaging.RequestPublisher;

/** Sends a call to its provider's topic and waits, within the call's deadline, for the reply on this replica's partition. */
@ApplicationScoped
public class CompletionRouter {

    private final RequestPublisher publisher;
    private final ReplyListener replies;
    private final PendingReplies pending;
    private final Duration timeout;

    public CompletionRouter(RequestPublisher publisher, ReplyListener replies, PendingReplies pending, RouterConfig config) {
        this.publisher = publisher;
        this.replies = replies;
        this.pending = pending;
        this.timeout = config.requestTimeout();
    }

    public Uni<RoutedCompletion> complete(ChatRequest call, String apiKeyId) {
        int partition = replies.partition();
        if (partition < 0) {
            return Uni.createFrom().failure(new ApiException(503, "The router is still starting; retry shortly.", null,
                    "router_not_ready"));
        }
        String requestId = "req_" + UUID.randomUUID().toString().replace("-", "");
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        CompletionRequest request = new CompletionRequest(requestId, 1, call.provider(), call.model(), deadline, apiKeyId,
                call.body());
        CompletableFuture<CompletionReply> reply = pending.register(requestId);
        publisher.publish(request, partition).whenComplete((ignored, failure) -> {
            if (failure != null) {
                Log.errorf("Request %s could not be queued: %s", requestId, failure.getMessage());
                reply.completeExceptionally(new ApiException(503, "The request could not be queued for provider "
                        + call.provider() + "; retry shortly.", null, "queue_unavailable"));
            }
        });
        return Uni.createFrom().completionStage(reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .onFailure(TimeoutException.class).transform(e -> new ApiException(504, "No answer from provider "
                        + call.provider() + " within " + timeout.toSeconds() + " s.", null, "timeout"))
                .onTermination().invoke(() -> pending.forget(requestId))
                .onItem().transform(answer -> toCompletion(call, answer));
    }

    private static RoutedCompletion toCompletion(ChatRequest call, CompletionReply reply) {
        if (!reply.succeeded()) {
            ReplyError error = reply.error();
            throw new ProviderFailure(call.provider(), error);
        }
        reply.completion().put("model", call.qualifiedModel());
        return new RoutedCompletion(reply.requestId(), call.provider(), call.qualifiedModel(), reply.attempt(),
                reply.completion());
    }
}
