package dev.switchboard.router.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a router replica holds its leases on managed keys' and teams' limits (docs/governance.md). */
@ConfigMapping(prefix = "switchboard.router.governance")
public interface GovernanceConfig {

    /** A lease not used for this long is given back, so other replicas can have its share. */
    @WithDefault("5s")
    Duration idleRelease();

    /**
     * How long a lease request may take; the calls waiting on it are then refused as unavailable. The registry's
     * {@code lease-ttl} must be well above it, since a lease is timed from when its request left.
     */
    @WithDefault("2s")
    Duration leaseTimeout();
}
