package dev.switchboard.router.messaging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionReply;

/**
 * The calls this replica is waiting on, by request id. A reply or acknowledgement whose id is not pending here (a
 * duplicate after the call ended, or one meant for another replica) is dropped.
 */
@Singleton
public class PendingReplies {

    private final ConcurrentMap<String, ReplySink> pending = new ConcurrentHashMap<>();

    public void register(String requestId, ReplySink sink) {
        pending.put(requestId, sink);
    }

    public boolean isWaitingFor(String requestId) {
        return pending.containsKey(requestId);
    }

    /** Hands the reply to its call; returns false when nobody waits for it. */
    public boolean deliver(CompletionReply reply) {
        ReplySink sink = pending.get(reply.requestId());
        if (sink == null) {
            return false;
        }
        if (sink.accept(reply)) {
            pending.remove(reply.requestId(), sink);
        }
        return true;
    }

    /** Hands an adapter's acknowledgement to its call; one after which the call needs nothing more ends its wait. */
    public void acknowledge(CompletionAck ack) {
        ReplySink sink = pending.get(ack.requestId());
        if (sink != null && sink.acknowledge(ack)) {
            pending.remove(ack.requestId(), sink);
        }
    }

    public void forget(String requestId) {
        pending.remove(requestId);
    }

    public int size() {
        return pending.size();
    }
}
