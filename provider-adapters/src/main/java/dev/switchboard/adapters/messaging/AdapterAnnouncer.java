package dev.switchboard.adapters.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.vertx.mutiny.core.Vertx;

import dev.switchboard.adapters.config.AdaptersConfig;
import dev.switchboard.adapters.service.ProviderDirectory;
import dev.switchboard.contracts.AdapterAnnouncement;

/**
 * Tells the routers and the registry which providers this process serves: an {@link AdapterAnnouncement} per enabled
 * provider on the compacted {@code switchboard.adapters}, at start and every heartbeat, and a tombstone for each on a
 * clean shutdown. A process that dies or hangs, or whose request consumer has failed, stops heartbeating, and
 * readers let it go after the TTL.
 */
@Singleton
public class AdapterAnnouncer {

    private static final Duration WITHDRAW_WAIT = Duration.ofSeconds(3);

    private final MutinyEmitter<Record<String, byte[]>> emitter;
    private final ProviderDirectory directory;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final HealthCenter health;
    private final AdaptersConfig config;
    private final String instance;
    private volatile long timer = -1;

    public AdapterAnnouncer(@Channel("adapter-announcements") MutinyEmitter<Record<String, byte[]>> emitter,
            ProviderDirectory directory, ObjectMapper mapper, Vertx vertx, HealthCenter health, AdaptersConfig config) {
        this.emitter = emitter;
        this.directory = directory;
        this.mapper = mapper;
        this.vertx = vertx;
        this.health = health;
        this.config = config;
        this.instance = config.instance().orElseGet(AdapterAnnouncer::hostAndPid);
    }

    /** This process's name in its announcements and acknowledgements. */
    public String instance() {
        return instance;
    }

    void onStart(@Observes StartupEvent event) {
        announce();
        timer = vertx.setPeriodic(Math.max(100, config.heartbeat().toMillis()), ignored -> announce());
    }

    /** Withdraws every announcement, waiting a few seconds at most: a reader drops one it misses after its TTL. */
    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        List<Uni<Void>> tombstones = directory.readiness().keySet().stream()
                .map(provider -> emitter.send(Record.<String, byte[]> of(provider + "/" + instance, null)))
                .toList();
        if (tombstones.isEmpty()) {
            return;
        }
        try {
            Uni.join().all(tombstones).andCollectFailures().await().atMost(WITHDRAW_WAIT);
        } catch (RuntimeException e) {
            Log.warnf("The announcements could not all be withdrawn; readers drop them after their TTL: %s",
                    e.getMessage());
        }
    }

    private void announce() {
        if (!health.getLiveness().isOk()) {
            Log.warnf("Not announcing: the messaging channels report a failure");
            return;
        }
        Instant now = Instant.now();
        directory.readiness().forEach((provider, readiness) -> {
            AdapterAnnouncement announcement = new AdapterAnnouncement(provider, instance, readiness.usable(),
                    readiness.keyConfigured(), readiness.keyWellFormed(), readiness.reason(), now,
                    config.announcementTtl().toMillis());
            try {
                emitter.send(Record.of(announcement.key(), mapper.writeValueAsBytes(announcement)))
                        .subscribe().with(ignored -> {
                        }, failure -> Log.warnf("Announcement of %s not sent: %s", provider, failure.getMessage()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an announcement could not be written as JSON", e);
            }
        });
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "adapter";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
