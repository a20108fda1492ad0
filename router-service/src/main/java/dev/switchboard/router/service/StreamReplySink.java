package dev.switchboard.router.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

import dev.switchboard.contracts.CompletionReply;

/**
 * The sink of a streamed call. Chunks that carry only the role are held back and the first reply with content (or an
 * error, or the end) is kept apart: until it arrives nothing has reached the client, so the router can still fall back
 * or answer with a plain HTTP error. The rest flow on in sequence order, duplicates and replies of earlier attempts
 * dropped.
 */
final class StreamReplySink implements ReplySink {

    private final int attempt;
    private final CompletableFuture<CompletionReply> first = new CompletableFuture<>();
    private final UnicastProcessor<CompletionReply> rest = UnicastProcessor.create();
    private final List<CompletionReply> preamble = new ArrayList<>();
    private int nextSequence;
    private volatile boolean finished;

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
            if (isPreamble(reply)) {
                preamble.add(reply);
                return false;
            }
            first.complete(reply);
        } else {
            rest.onNext(reply);
        }
        if (reply.isFinal()) {
            finished = true;
            rest.onComplete();
            return true;
        }
        return false;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    CompletableFuture<CompletionReply> first() {
        return first;
    }

    /** The role-only chunks that came before the first reply; read once {@link #first()} has completed. */
    List<CompletionReply> preamble() {
        return preamble;
    }

    /** A chunk whose choices say only who speaks: no content, tool call, refusal, finish reason or usage. */
    private static boolean isPreamble(CompletionReply reply) {
        ObjectNode chunk = reply.chunk();
        if (reply.error() != null || reply.isFinal() || chunk == null || chunk.hasNonNull("usage")) {
            return false;
        }
        JsonNode choices = chunk.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return false;
        }
        for (JsonNode choice : choices) {
            if (choice.hasNonNull("finish_reason")) {
                return false;
            }
            var fields = choice.path("delta").fields();
            while (fields.hasNext()) {
                var field = fields.next();
                boolean empty = field.getValue().isNull()
                        || field.getValue().isTextual() && field.getValue().asText().isEmpty();
                if (!"role".equals(field.getKey()) && !empty) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The replies after the first, as they arrive. */
    Multi<CompletionReply> rest() {
        return rest;
    }
}
