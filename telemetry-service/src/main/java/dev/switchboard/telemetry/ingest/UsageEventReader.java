package dev.switchboard.telemetry.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.switchboard.contracts.ServiceJson;
import dev.switchboard.contracts.UsageEvent;

/** Reads a usage record and checks it against the contract and the columns it goes into. */
@ApplicationScoped
public class UsageEventReader {

    private final ObjectReader events;

    public UsageEventReader(ObjectMapper mapper) {
        this.events = ServiceJson.reading(mapper).readerFor(UsageEvent.class);
    }

    public UsageEvent read(String payload) {
        if (payload == null) {
            throw new InvalidUsageEvent("usage event has no value");
        }
        UsageEvent event;
        try {
            event = events.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidUsageEvent("usage event is not valid JSON for the contract: " + e.getOriginalMessage());
        }
        if (event == null || blank(event.requestId()) || blank(event.provider()) || blank(event.model())
                || event.outcome() == null || event.timestamp() == null || event.attempt() < 1) {
            throw new InvalidUsageEvent("usage event lacks requestId, attempt, timestamp, provider, model or outcome");
        }
        if (event.latencyMs() < 0 || event.inputTokens() < 0 || event.outputTokens() < 0 || event.cachedInputTokens() < 0
                || (event.timeToFirstTokenMs() != null && event.timeToFirstTokenMs() < 0)) {
            throw new InvalidUsageEvent("usage event has a negative latency or token count");
        }
        longest("requestId", event.requestId(), 64);
        longest("provider", event.provider(), 64);
        longest("model", event.model(), 256);
        longest("apiKeyId", event.apiKeyId(), 64);
        if (event.route() != null) {
            longest("route.policy", event.route().policy(), 64);
            longest("route.task", event.route().task(), 64);
        }
        return event;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void longest(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidUsageEvent("usage event field " + field + " is longer than " + max + " characters");
        }
    }
}
