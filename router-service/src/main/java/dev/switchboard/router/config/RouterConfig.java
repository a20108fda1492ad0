package dev.switchboard.router.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The router's own settings. */
@ConfigMapping(prefix = "switchboard.router")
public interface RouterConfig {

    /** Keys accepted as {@code Authorization: Bearer <key>}; SWITCHBOARD_API_KEY may hold several, comma-separated. */
    Optional<List<String>> apiKeys();

    /** How long a call may take in all, from arrival to reply; past it the client gets a 504. */
    @WithDefault("60s")
    Duration requestTimeout();

    /**
     * The partition of {@code switchboard.replies} this replica reads. Unset, it is derived from the host name and HTTP
     * port; two replicas that land on the same partition still work, each ignoring the other's replies.
     */
    OptionalInt replyPartition();

    /** How often the model catalog is fetched again from the registry. */
    @WithDefault("30s")
    Duration catalogRefresh();
}
