package dev.switchboard.router.service;

import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

import dev.switchboard.contracts.CompletionReply;

/**
 * The sink of a streamed call. The first reply is kept apart, so the router can still answer with a plain HTTP error
 * when the stream fails before it starts; the rest flow on in sequence order, duplicates and replies of earlier
 * attempts dropped.
 */
final class StreamReplySink implements ReplySink {

    private final int attempt;
    private final CompletableFuture<CompletionReply> first = new CompletableFuture<>();
    private final UnicastProcessor<CompletionReply> rest = UnicastProcessor.create();
    private int nextSequence;

    StreamReplySink(int attempt) {
        this.attempt = attempt;
    }

    @Override
    public boolean accept(CompletionReply reply) {
        if (reply.attempt() != attempt) {
            return false;
        }
        if (reply.sequence() != null) {
            if (reply.sequence() < nextSequence) {
                return false;
            }
            nextSequence = reply.sequence() + 1;
        }
        if (!first.isDone()) {
            first.complete(reply);
        } else {
            rest.onNext(reply);
        }
        if (reply.isFinal()) {
            rest.onComplete();
            return true;
        }
        return false;
    }

    CompletableFuture<CompletionReply> first() {
        return first;
    }

    /** The replies after the first, as they arrive. */
    Multi<CompletionReply> rest() {
        return rest;
    }
}
