package dev.switchboard.router.service;

import java.util.concurrent.CompletableFuture;

import dev.switchboard.contracts.CompletionReply;

/** The sink of a plain call: the first reply completes it. */
final class SingleReplySink implements ReplySink {

    private final CompletableFuture<CompletionReply> reply = new CompletableFuture<>();

    @Override
    public boolean accept(CompletionReply answer) {
        reply.complete(answer);
        return true;
    }

    CompletableFuture<CompletionReply> reply() {
        return reply;
    }
}
