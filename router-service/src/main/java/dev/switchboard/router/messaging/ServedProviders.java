package dev.switchboard.router.messaging;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.AnnouncedAdapters;

/**
 * Which providers some adapter serves right now, from the announcements on {@code switchboard.adapters}. The
 * {@link ReplyListener} reads the topic from its start before the replica takes calls, and feeds every announcement and
 * tombstone here.
 */
@ApplicationScoped
public class ServedProviders {

    private final ObjectMapper mapper;
    private final AnnouncedAdapters adapters = new AnnouncedAdapters();

    public ServedProviders(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void accept(String key, byte[] value, long timestampMs) {
        try {
            adapters.accept(key, value == null ? null : mapper.readValue(value, AdapterAnnouncement.class), timestampMs);
        } catch (IOException | RuntimeException e) {
            Log.warnf("Unreadable adapter announcement %s: %s", key, e.getMessage());
        }
    }

    /** The listener has not reached the topic since this time: announcements stop ageing until it does again. */
    void readerStalled(long sinceMs) {
        adapters.readerStalled(sinceMs);
    }

    void readerReading() {
        adapters.readerReading();
    }

    /** Whether an adapter that can call this provider consumes its request topic now. */
    public boolean isServed(String provider) {
        return adapters.isServed(provider);
    }

    public AnnouncedAdapters.Status status(String provider) {
        return adapters.status(provider);
    }
}
