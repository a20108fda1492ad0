package dev.switchboard.contracts;

import java.time.Instant;

/**
 * One attempt's usage on {@code switchboard.usage}, keyed by request id; (requestId, attempt) identifies it, so a
 * redelivered event can be stored once. {@code operation} is what the call asked for ({@link Operation#CHAT} when an
 * older producer did not say); {@code route} says how the model was chosen (null when not recorded); {@code cacheHit}
 * marks an answer served from the router's cache, which cost no provider tokens; {@code attribution} is what the call
 * was attributed to (key name, team, user, metadata, tags, budget lease), null when nothing was; {@code queuedMs} is how
 * long the request waited in Kafka before the adapter took it (null when not measured); {@code traceId} is the W3C trace
 * id of the client call the attempt belongs to; {@code timings} says where the attempt's time went (null when not
 * measured); {@code bodies} holds the request and answer only when the call's request log is {@code full}, else null;
 * {@code requestLog} is the call's request log level ({@code off} keeps the attempt out of the log; null from an older
 * producer, read as {@code metadata}, or {@code full} with bodies).
 * Build one with {@link #builder}, so a new field needs no change where events are made.
 * <p>
 * Token counts nest as providers bill them: {@code inputTokens} includes {@code cachedInputTokens} (read from the prompt
 * cache) and {@code cacheWriteTokens} (written to it), {@code cacheWriteTokens} includes {@code cacheWrite1hTokens}
 * (written for an hour), and {@code outputTokens} includes {@code reasoningTokens}. Events of producers that did not
 * count a kind read it as zero.
 */
public record UsageEvent(
        String requestId,
        int attempt,
        Instant timestamp,
        String provider,
        String model,
        Operation operation,
        Outcome outcome,
        ErrorClass errorClass,
        String errorMessage,
        long latencyMs,
        Long timeToFirstTokenMs,
        long inputTokens,
        long outputTokens,
        long cachedInputTokens,
        long reasoningTokens,
        long cacheWriteTokens,
        long cacheWrite1hTokens,
        String apiKeyId,
        RouteInfo route,
        boolean cacheHit,
        Attribution attribution,
        Long queuedMs,
        String traceId,
        AttemptTimings timings,
        LoggedBodies bodies,
        RequestLogLevel requestLog) {

    public UsageEvent {
        operation = operation == null ? Operation.CHAT : operation;
    }

    /** An event with nothing attributed beyond the key id, and no reasoning or cache-write tokens. */
    public UsageEvent(String requestId, int attempt, Instant timestamp, String provider, String model,
            Operation operation, Outcome outcome, ErrorClass errorClass, String errorMessage, long latencyMs,
            Long timeToFirstTokenMs, long inputTokens, long outputTokens, long cachedInputTokens, String apiKeyId,
            RouteInfo route, boolean cacheHit) {
        this(requestId, attempt, timestamp, provider, model, operation, outcome, errorClass, errorMessage, latencyMs,
                timeToFirstTokenMs, inputTokens, outputTokens, cachedInputTokens, 0, 0, 0, apiKeyId, route, cacheHit,
                null, null, null, null, null, null);
    }

    /** An event of one attempt; every other field starts empty (null, zero, false). */
    public static Builder builder(String requestId, int attempt) {
        return new Builder(requestId, attempt);
    }

    /**
     * An event of one attempt of {@code request}, with what the request says about the call (provider, model,
     * operation, key, route) already filled in: a field that travels from the request into usage is copied here, once.
     */
    public static Builder builder(CompletionRequest request) {
        return builder(request.requestId(), request.attempt())
                .provider(request.provider())
                .model(request.model())
                .operation(request.usageOperation())
                .apiKeyId(request.apiKeyId())
                .route(request.route())
                .attribution(request.attribution());
    }

    /** A builder holding this event's fields, to make a changed copy. */
    public Builder toBuilder() {
        return builder(requestId, attempt)
                .timestamp(timestamp)
                .provider(provider)
                .model(model)
                .operation(operation)
                .outcome(outcome)
                .errorClass(errorClass)
                .errorMessage(errorMessage)
                .latencyMs(latencyMs)
                .timeToFirstTokenMs(timeToFirstTokenMs)
                .tokens(inputTokens, outputTokens, cachedInputTokens)
                .reasoningTokens(reasoningTokens)
                .cacheWriteTokens(cacheWriteTokens, cacheWrite1hTokens)
                .apiKeyId(apiKeyId)
                .route(route)
                .cacheHit(cacheHit)
                .attribution(attribution)
                .queuedMs(queuedMs)
                .traceId(traceId)
                .timings(timings)
                .bodies(bodies)
                .requestLog(requestLog);
    }

    /** Collects a {@link UsageEvent}'s fields by name. */
    public static final class Builder {

        private final String requestId;
        private final int attempt;
        private Instant timestamp;
        private String provider;
        private String model;
        private Operation operation;
        private Outcome outcome;
        private ErrorClass errorClass;
        private String errorMessage;
        private long latencyMs;
        private Long timeToFirstTokenMs;
        private long inputTokens;
        private long outputTokens;
        private long cachedInputTokens;
        private long reasoningTokens;
        private long cacheWriteTokens;
        private long cacheWrite1hTokens;
        private String apiKeyId;
        private RouteInfo route;
        private boolean cacheHit;
        private Attribution attribution;
        private Long queuedMs;
        private String traceId;
        private AttemptTimings timings;
        private LoggedBodies bodies;
        private RequestLogLevel requestLog;

        private Builder(String requestId, int attempt) {
            this.requestId = requestId;
            this.attempt = attempt;
        }

        /** When the attempt started. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /** The provider-side model id. */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder operation(Operation operation) {
            this.operation = operation;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder errorClass(ErrorClass errorClass) {
            this.errorClass = errorClass;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        /** The attempt's error, or nothing when {@code error} is null. */
        public Builder error(ReplyError error) {
            if (error != null) {
                this.errorClass = error.errorClass();
                this.errorMessage = error.message();
            }
            return this;
        }

        public Builder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        public Builder timeToFirstTokenMs(Long timeToFirstTokenMs) {
            this.timeToFirstTokenMs = timeToFirstTokenMs;
            return this;
        }

        public Builder tokens(long input, long output, long cachedInput) {
            this.inputTokens = input;
            this.outputTokens = output;
            this.cachedInputTokens = cachedInput;
            return this;
        }

        /** The part of the output tokens spent on reasoning, where the provider reports it. */
        public Builder reasoningTokens(long reasoning) {
            this.reasoningTokens = reasoning;
            return this;
        }

        /** The input tokens written to the prompt cache, and the part of them written for an hour. */
        public Builder cacheWriteTokens(long cacheWrite, long cacheWrite1h) {
            this.cacheWriteTokens = cacheWrite;
            this.cacheWrite1hTokens = cacheWrite1h;
            return this;
        }

        public Builder apiKeyId(String apiKeyId) {
            this.apiKeyId = apiKeyId;
            return this;
        }

        public Builder route(RouteInfo route) {
            this.route = route;
            return this;
        }

        public Builder cacheHit(boolean cacheHit) {
            this.cacheHit = cacheHit;
            return this;
        }

        public Builder attribution(Attribution attribution) {
            this.attribution = attribution;
            return this;
        }

        /** From the router's send to the adapter taking the request. */
        public Builder queuedMs(Long queuedMs) {
            this.queuedMs = queuedMs;
            return this;
        }

        /** The W3C trace id (32 lower-case hex digits) of the client call. */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        public Builder timings(AttemptTimings timings) {
            this.timings = timings;
            return this;
        }

        /** The request and answer bodies, only when the call's request log keeps them. */
        public Builder bodies(LoggedBodies bodies) {
            this.bodies = bodies;
            return this;
        }

        /** The call's request log level; {@code off} keeps the attempt out of the request log. */
        public Builder requestLog(RequestLogLevel requestLog) {
            this.requestLog = requestLog;
            return this;
        }

        public UsageEvent build() {
            return new UsageEvent(requestId, attempt, timestamp, provider, model, operation, outcome, errorClass,
                    errorMessage, latencyMs, timeToFirstTokenMs, inputTokens, outputTokens, cachedInputTokens,
                    reasoningTokens, cacheWriteTokens, cacheWrite1hTokens, apiKeyId, route, cacheHit, attribution,
                    queuedMs, traceId, timings, bodies, requestLog);
        }
    }
}
