package dev.switchboard.router.messaging;

import java.util.concurrent.CompletableFuture;

import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;

/** Where the replies of one attempt go while its call waits for them. */
public interface ReplySink {

    /** The attempt these replies answer. */
    CompletionRequest request();

    /** Takes one reply; returns true once the call needs no more. Called on the reply listener's thread only. */
    boolean accept(CompletionReply reply);

    /**
     * Takes an adapter's acknowledgement that it took the attempt; returns true once the call needs no more. Called on
     * the reply listener's thread only.
     */
    boolean acknowledge(CompletionAck ack);

    /**
     * Completes with the first acknowledgement of the attempt, or with its first reply, whichever comes first: either
     * says an adapter has taken it.
     */
    CompletableFuture<CompletionAck> taken();

    /** Completes once the broker has the attempt's request, so that an adapter can take it. */
    CompletableFuture<Void> queued();

    /** Completes with the attempt's first reply that counts: a plain answer, or a stream's first with content. */
    CompletableFuture<CompletionReply> first();

    /** Whether the attempt has given its last reply, so that there is nothing left to cancel. */
    boolean finished();
}
