package dev.switchboard.registry.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.AdapterAnnouncement;
import dev.switchboard.contracts.AnnouncedAdapters;
import dev.switchboard.contracts.AnnouncementReader;
import dev.switchboard.contracts.Topics;
import dev.switchboard.registry.config.RegistryConfig;

/**
 * Which providers an adapter serves now, read from {@code switchboard.adapters} by an {@link AnnouncementReader} on a
 * thread of its own. Until it has read what the topic held at start, and while it is off by configuration, every
 * provider counts as served: the registry never calls a model unavailable on a guess. While it cannot reach the broker,
 * the announcements it holds do not age, as in the router: a silent broker is not a silent adapter.
 */
@ApplicationScoped
public class ServedProviders {

    private final String bootstrapServers;
    private final boolean enabled;
    private final AnnouncementReader<AdapterAnnouncement> reader;
    private final AnnouncedAdapters adapters;

    public ServedProviders(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, RegistryConfig config,
            ObjectMapper mapper) {
        this.bootstrapServers = bootstrapServers;
        this.enabled = config.availabilityFollowsAdapters();
        this.reader = new AnnouncementReader<>(Topics.ADAPTERS, AdapterAnnouncement.class, AdapterAnnouncement::ttlMs,
                mapper);
        this.adapters = new AnnouncedAdapters(reader.heartbeats());
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            reader.start(bootstrapServers, "switchboard-registry-adapters", () -> {
            }, "every provider counts as served from now on");
        }
    }

    /** Whether the provider's models can be served now, as far as this registry knows. */
    public boolean isServed(String provider) {
        return !enabled || !reader.caughtUp() || adapters.isServed(provider);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        reader.stop();
    }
}
