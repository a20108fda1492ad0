package dev.switchboard.router.messaging;

import java.util.concurrent.CompletableFuture;

import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;

/** The sink of one plain attempt: its first reply completes it; replies of earlier attempts are ignored. */
final class SingleReplySink implements ReplySink {

    private final CompletionRequest request;
    private final CompletableFuture<CompletionReply> reply = new CompletableFuture<>();
    private final CompletableFuture<CompletionAck> taken = new CompletableFuture<>();
    private final CompletableFuture<Void> queued = new CompletableFuture<>();

    SingleReplySink(CompletionRequest request) {
        this.request = request;
    }

    @Override
    public CompletionRequest request() {
        return request;
    }

    @Override
    public boolean accept(CompletionReply answer) {
        if (answer.attempt() != request.attempt()) {
            return false;
        }
        taken.complete(null);
        reply.complete(answer);
        return true;
    }

    @Override
    public boolean acknowledge(CompletionAck ack) {
        if (ack.attempt() == request.attempt()) {
            taken.complete(ack);
        }
        return false;
    }

    @Override
    public CompletableFuture<CompletionAck> taken() {
        return taken;
    }

    @Override
    public CompletableFuture<Void> queued() {
        return queued;
    }

    @Override
    public CompletableFuture<CompletionReply> first() {
        return reply;
    }

    @Override
    public boolean finished() {
        // A wait for the reply that gives up cancels this future (Mutiny cancels the stage it was made from): the attempt
        // is then still out at its adapter, and must be cancelled there.
        return reply.isDone() && !reply.isCancelled();
    }
}
