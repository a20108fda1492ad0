package dev.switchboard.router.messaging;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.AnnouncedAdapters;
import dev.switchboard.contracts.AnnouncementReader;
import dev.switchboard.contracts.Topics;

/**
 * Which providers some adapter serves right now, from the announcements on {@code switchboard.adapters}. The
 * {@link ReplyListener} reads the topic from its start with this reader, on its own consumer, before the replica takes
 * calls.
 */
@Singleton
public class ServedProviders {

    private final AnnouncementReader<AdapterAnnouncement> reader;
    private final AnnouncedAdapters adapters;

    public ServedProviders(ObjectMapper mapper) {
        this.reader = new AnnouncementReader<>(Topics.ADAPTERS, AdapterAnnouncement.class, AdapterAnnouncement::ttlMs,
                mapper);
        this.adapters = new AnnouncedAdapters(reader.heartbeats());
    }

    AnnouncementReader<AdapterAnnouncement> reader() {
        return reader;
    }

    /** Whether an adapter that can call this provider consumes its request topic now. */
    public boolean isServed(String provider) {
        return adapters.isServed(provider);
    }

    public AnnouncedAdapters.Status status(String provider) {
        return adapters.status(provider);
    }
}
