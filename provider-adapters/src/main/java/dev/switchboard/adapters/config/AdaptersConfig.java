package dev.switchboard.adapters.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which providers this adapter process serves, and how many provider calls it runs at once. */
@ConfigMapping(prefix = "switchboard.adapters")
public interface AdaptersConfig {

    /**
     * Provider names whose request topics this process consumes. By default every known provider: those without a key
     * are disabled and answer their requests with an error at once.
     */
    @WithDefault(RequestTopicsConfigSourceFactory.ALL_PROVIDERS)
    List<String> enabled();

    /** Provider calls in flight at once; records beyond it wait in Kafka rather than in memory. */
    @WithDefault("256")
    int maxConcurrency();

    /**
     * This process's name in its announcements on {@code switchboard.adapters}; unset, the host name and process id
     * (in Kubernetes, the pod's name).
     */
    Optional<String> instance();

    /**
     * A plain (not streamed) call's acknowledgement is held back until this long after its router sent the request, and
     * not sent at all when the answer is out first; 0 acknowledges every request as soon as it is taken. Keep it well
     * under the routers' {@code switchboard.router.ack-timeout}: a request taken later than this is acknowledged at once.
     */
    @WithDefault("200ms")
    Duration ackDelay();

    /** How often this process announces the providers it serves. */
    @WithDefault("5s")
    Duration heartbeat();

    /** How long a reader holds an announcement; past it without a newer one, the instance counts as gone. */
    @WithDefault("15s")
    Duration announcementTtl();

    /**
     * A stream whose provider sends nothing for this long is cut: the caller gets an error event, and the attempt's
     * usage counts the tokens streamed so far.
     */
    @WithDefault("30s")
    Duration streamIdleTimeout();
}
