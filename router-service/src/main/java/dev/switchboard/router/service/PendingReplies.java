package dev.switchboard.router.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.switchboard.contracts.CompletionReply;

/**
 * The calls this replica is waiting on, by request id. The first reply for an id completes it; a duplicate, or a reply
 * meant for another replica, finds nothing and is dropped.
 */
@ApplicationScoped
public class PendingReplies {

    private final ConcurrentMap<String, CompletableFuture<CompletionReply>> pending = new ConcurrentHashMap<>();

    public CompletableFuture<CompletionReply> register(String requestId) {
        CompletableFuture<CompletionReply> reply = new CompletableFuture<>();
        pending.put(requestId, reply);
        return reply;
    }

    public boolean isWaitingFor(String requestId) {
        return pending.containsKey(requestId);
    }

    /** Completes the waiting call; returns false when nobody waits for this id (any more). */
    public boolean complete(CompletionReply reply) {
        CompletableFuture<CompletionReply> waiting = pending.remove(reply.requestId());
        return waiting != null && waiting.complete(reply);
    }

    public void forget(String requestId) {
        pending.remove(requestId);
    }

    public int size() {
        return pending.size();
    }
}
