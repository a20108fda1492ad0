package dev.switchboard.router.service;

import java.util.concurrent.CompletableFuture;

import dev.switchboard.contracts.CompletionReply;

/** The sink of one plain attempt: its first reply completes it; replies of earlier attempts are ignored. */
final class SingleReplySink implements ReplySink {

    private final int attempt;
    private final CompletableFuture<CompletionReply> reply = new CompletableFuture<>();

    SingleReplySink(int attempt) {
        this.attempt = attempt;
    }

    @Override
    public boolean accept(CompletionReply answer) {
        if (answer.attempt() != attempt) {
            return false;
        }
        reply.complete(answer);
        return true;
    }

    @Override
    public boolean finished() {
        return reply.isDone();
    }

    CompletableFuture<CompletionReply> reply() {
        return reply;
    }
}
