package dev.switchboard.router.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

import dev.switchboard.contracts.CompletionAck;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.ReplyError;

/**
 * The sink of a streamed attempt. Events that only open the stream ({@link StreamPreamble}) are held back and the first
 * reply with content (or an error, or the end) is kept apart: until it arrives nothing has reached the client, so the router
 * can still fall back
 * or answer with a plain HTTP error. The rest flow on in sequence order, duplicates and replies of earlier attempts
 * dropped. A second acknowledgement once content has flowed means another adapter took the request again (the first
 * one died): its answer would not continue the one the caller has, so the stream ends with a {@code stream_cut} error.
 */
public final class StreamReplySink implements ReplySink {

    private final CompletionRequest request;
    private final CompletableFuture<CompletionReply> first = new CompletableFuture<>();
    private final CompletableFuture<CompletionAck> taken = new CompletableFuture<>();
    private final CompletableFuture<Void> queued = new CompletableFuture<>();
    private final UnicastProcessor<CompletionReply> rest = UnicastProcessor.create();
    /** The held opening events, then the first reply. */
    private final List<CompletionReply> opening = new ArrayList<>(2);
    private int nextSequence;
    private volatile boolean finished;
    private volatile boolean endedWithError;

    StreamReplySink(CompletionRequest request) {
        this.request = request;
    }

    @Override
    public CompletionRequest request() {
        return request;
    }

    @Override
    public boolean accept(CompletionReply reply) {
        if (reply.attempt() != request.attempt()) {
            return false;
        }
        taken.complete(null);
        if (reply.sequence() != null) {
            if (reply.sequence() < nextSequence) {
                return false;
            }
            nextSequence = reply.sequence() + 1;
        }
        if (!first.isDone()) {
            opening.add(reply);
            if (StreamPreamble.holds(request.operation(), reply)) {
                return false;
            }
            first.complete(reply);
        } else {
            rest.onNext(reply);
        }
        if (reply.isFinal()) {
            endedWithError = reply.error() != null;
            finished = true;
            rest.onComplete();
            return true;
        }
        return false;
    }

    @Override
    public boolean acknowledge(CompletionAck ack) {
        if (ack.attempt() != request.attempt() || finished) {
            return false;
        }
        if (taken.complete(ack) || !first.isDone()) {
            // The first taker, or a new one before anything reached the caller: its stream starts over unseen.
            return false;
        }
        endedWithError = true;
        finished = true;
        rest.onNext(CompletionReply.streamFailure(request, nextSequence, new ReplyError(ErrorClass.STREAM_CUT, 0,
                "the adapter streaming the answer stopped, and the request was taken again by " + ack.instance(), null)));
        rest.onComplete();
        return true;
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
        return first;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** Whether the stream's last reply was an error: it broke after its first reply. */
    public boolean endedWithError() {
        return endedWithError;
    }

    /** The opening events held back, then the first reply; read once {@link #first()} has completed. */
    public List<CompletionReply> opening() {
        return opening;
    }

    /** The replies after the first, as they arrive. */
    Multi<CompletionReply> rest() {
        return rest;
    }
}
