package dev.switchboard.router.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.switchboard.contracts.RouterAnnouncement;
import dev.switchboard.router.config.RouterConfig;

/**
 * Tells the adapters that this replica is alive: a {@link RouterAnnouncement} on the compacted
 * {@code switchboard.routers} at start and every heartbeat, and a tombstone on a clean shutdown. Its requests name it
 * ({@code switchboard-router}), so when it dies the adapters stop the provider calls it sent instead of paying for
 * answers nobody reads. The heartbeat runs on a thread of its own, so a busy event loop does not make it look dead.
 */
@Singleton
public class RouterAnnouncer {

    private static final Duration GOODBYE_WAIT = Duration.ofSeconds(3);

    private final RequestPublisher publisher;
    private final ObjectMapper mapper;
    private final Duration heartbeat;
    private final Duration ttl;
    private final String replica;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-router-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public RouterAnnouncer(RequestPublisher publisher, ObjectMapper mapper, RouterConfig config,
            @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        this.publisher = publisher;
        this.mapper = mapper;
        this.heartbeat = config.heartbeat();
        this.ttl = config.announcementTtl();
        this.replica = host() + ":" + httpPort + "/" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** This replica's id, new at each start, as its requests and announcements name it. */
    public String replica() {
        return replica;
    }

    void onStart(@Observes StartupEvent event) {
        timer.scheduleAtFixedRate(this::announce, 0, Math.max(100, heartbeat.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Says goodbye, waiting a few seconds at most: without it, the adapters let the replica go after the TTL. */
    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        try {
            publisher.publishAnnouncement(replica, null).get(GOODBYE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Log.warnf("The replica's goodbye was not sent; the adapters let it go after its TTL: %s", e.getMessage());
        }
    }

    private void announce() {
        try {
            byte[] announcement = mapper.writeValueAsBytes(new RouterAnnouncement(replica, Instant.now(), ttl.toMillis()));
            publisher.publishAnnouncement(replica, announcement).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    Log.warnf("Announcement of replica %s not sent: %s", replica, failure.getMessage());
                }
            });
        } catch (JsonProcessingException | RuntimeException e) {
            Log.warnf("Announcement of replica %s not sent: %s", replica, e.getMessage());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "router";
        }
    }
}
