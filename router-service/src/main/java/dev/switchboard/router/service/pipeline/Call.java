package dev.switchboard.router.service.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.messaging.ReplySink;

/**
 * One call on its way through the pipeline: what was asked, its id and one deadline, the attempts made so far and why
 * candidates were left. {@link CallHook}s and {@link CandidateFilter}s read it, and may attach state of their own to
 * it; only the pipeline changes the rest.
 */
public final class Call {

    private final CallRequest request;
    private final String requestId;
    private final long deadline;
    final List<String> notes = new ArrayList<>();
    int attempts;
    int candidateIndex;
    /** The last failure a provider reported, given to the client when no candidate is left. */
    ProviderFailure lastFailure;
    /** What the last filter that skipped a candidate wants the client told when no candidate is left. */
    ApiException lastRefusal;
    /** The replies of the attempt last sent: what a cancel has to stop. */
    volatile ReplySink sent;
    /** What the attempt last sent carried; null before the first. */
    AttemptBody sentBody;
    boolean ended;
    private Map<Class<?>, Object> attachments;
    private volatile Attribution attribution;
    private Map<String, String> recordHeaders;

    Call(CallRequest request, String requestId, long deadline) {
        this.request = request;
        this.requestId = requestId;
        this.deadline = deadline;
    }

    public CallRequest request() {
        return request;
    }

    public String requestId() {
        return requestId;
    }

    /** The call's one deadline, epoch milliseconds: every attempt and backoff comes out of it. */
    public long deadline() {
        return deadline;
    }

    public long timeLeft() {
        return deadline - System.currentTimeMillis();
    }

    /** The attempts sent so far; during an attempt, its number. */
    public int attempts() {
        return attempts;
    }

    /** What the attempt in flight (or the last one) carried to its adapter; null before the first attempt. */
    public AttemptBody sentBody() {
        return sentBody;
    }

    /** The candidate being tried, or the last one when none is left. */
    public Candidate candidate() {
        List<Candidate> candidates = request.plan().candidates();
        return candidates.get(Math.min(candidateIndex, candidates.size() - 1));
    }

    /** How many candidates were passed over to reach the current one. */
    public int fallbacks() {
        return Math.min(candidateIndex, request.plan().candidates().size() - 1);
    }

    public boolean fellBack() {
        return candidateIndex > 0;
    }

    /** What was chosen and why, with what happened to the candidates passed over. */
    public String routeReason() {
        String reason = request.plan().reason() + " -> " + candidate().qualified();
        return notes.isEmpty() ? reason : reason + " (" + String.join("; ", notes) + ")";
    }

    /** What the call is attributed to, which travels with each attempt into usage; null until a gate or hook says. */
    public Attribution attribution() {
        return attribution;
    }

    public void attribution(Attribution attribution) {
        this.attribution = attribution;
    }

    /**
     * Sets a Kafka record header on what the router sends for this call from now on: its next attempts' requests and
     * the usage event of a cache hit. Hooks set an attempt's own headers (a trace context) in
     * {@link CallHook#beforeAttempt}, replacing the previous attempt's.
     */
    public void recordHeader(String name, String value) {
        if (recordHeaders == null) {
            recordHeaders = new HashMap<>(4);
        }
        recordHeaders.put(name, value);
    }

    /** The record headers hooks set, by name; empty when none. */
    public Map<String, String> recordHeaders() {
        return recordHeaders == null ? Map.of() : recordHeaders;
    }

    /** The usage event of an attempt the router answered itself (a cache hit, an estimate), with what every one says. */
    UsageEvent.Builder usage(int attempt, Candidate answeredBy) {
        return UsageEvent.builder(requestId, attempt)
                .traceId(MessageHeaders.traceId(recordHeaders().get(MessageHeaders.TRACEPARENT)))
                .requestLog(RequestLogLevel.fromHeader(recordHeaders().get(MessageHeaders.REQUEST_LOG)))
                .timestamp(Instant.now())
                .provider(answeredBy.provider())
                .model(answeredBy.model())
                .operation(request.operation())
                .apiKeyId(request.caller().keyId())
                .attribution(attribution);
    }

    /** Keeps a value for this call, one per type: how a hook carries its own state from one step to the next. */
    public <T> void attach(Class<T> type, T value) {
        if (attachments == null) {
            attachments = new HashMap<>(4);
        }
        attachments.put(type, value);
    }

    /** The value attached under this type, or null. */
    public <T> T attachment(Class<T> type) {
        return attachments == null ? null : type.cast(attachments.get(type));
    }
}
