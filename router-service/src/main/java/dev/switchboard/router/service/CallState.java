package dev.switchboard.router.service;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.router.Candidate;
import dev.switchboard.router.ChatRequest;

/** What one call has been through so far: its id and deadline, the attempts made and why candidates were left. */
final class CallState {

    final ChatRequest call;
    final String requestId;
    final String apiKeyId;
    final long deadline;
    final List<String> notes = new ArrayList<>();
    int attempts;
    int candidateIndex;
    /** The last failure a provider reported, given to the client when no candidate is left. */
    ProviderFailure lastFailure;
    /** The sink of the current attempt when the call is streamed. */
    StreamReplySink stream;
    /** The attempt last sent, its provider and its sink: what a cancel has to stop. */
    int sentAttempt;
    String sentProvider;
    ReplySink sentSink;

    CallState(ChatRequest call, String requestId, String apiKeyId, long deadline) {
        this.call = call;
        this.requestId = requestId;
        this.apiKeyId = apiKeyId;
        this.deadline = deadline;
    }

    long timeLeft() {
        return deadline - System.currentTimeMillis();
    }

    Candidate candidate() {
        return call.plan().candidates().get(candidateIndex);
    }

    boolean fellBack() {
        return candidateIndex > 0;
    }

    String routeReason() {
        int index = Math.min(candidateIndex, call.plan().candidates().size() - 1);
        String reason = call.plan().reason() + " -> " + call.plan().candidates().get(index).qualified();
        return notes.isEmpty() ? reason : reason + " (" + String.join("; ", notes) + ")";
    }
}
