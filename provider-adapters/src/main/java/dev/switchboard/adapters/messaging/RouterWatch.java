package dev.switchboard.adapters.messaging;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.adapters.service.CallsInFlight;
import dev.switchboard.contracts.AnnouncementReader;
import dev.switchboard.contracts.Heartbeats;
import dev.switchboard.contracts.RouterAnnouncement;
import dev.switchboard.contracts.Topics;

/**
 * Stops the provider calls of router replicas that are gone. Reads {@code switchboard.routers} with an
 * {@link AnnouncementReader} on a thread of its own, and after each poll (at least once a second) cuts off every call in
 * flight whose replica's announcement lapsed or that said goodbye: nobody reads those answers, and a provider stops
 * generating tokens only when its connection closes. A replica this process has not read a word of is left alone (its
 * first announcement may still be on its way), and while the broker cannot be reached, announcements do not age.
 */
@Singleton
public class RouterWatch {

    /** How often the calls are checked at the least. */
    static final Duration SWEEP = AnnouncementReader.REACH_CHECK;

    private final String bootstrapServers;
    private final CallsInFlight calls;
    private final AnnouncementReader<RouterAnnouncement> reader;
    private final Heartbeats<RouterAnnouncement> routers;

    public RouterWatch(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper mapper,
            CallsInFlight calls) {
        this.bootstrapServers = bootstrapServers;
        this.calls = calls;
        this.reader = new AnnouncementReader<>(Topics.ROUTERS, RouterAnnouncement.class, RouterAnnouncement::ttlMs,
                mapper);
        this.routers = reader.heartbeats();
    }

    void onStart(@Observes StartupEvent event) {
        reader.start(bootstrapServers, "switchboard-adapters-routers", this::sweep,
                "the calls of a router replica that dies run to their deadline");
    }

    /** Whether the replica announced itself and is gone now (lapsed, or said goodbye). */
    public boolean isGone(String replica) {
        return replica != null && routers.isGone(replica);
    }

    private void sweep() {
        int cancelled = calls.cancelOrphans(routers::isGone);
        if (cancelled > 0) {
            Log.infof("Cancelled %d provider calls whose router replica is gone", cancelled);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        reader.stop();
    }
}
