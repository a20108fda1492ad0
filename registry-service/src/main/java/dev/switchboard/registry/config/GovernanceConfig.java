package dev.switchboard.registry.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of teams, managed keys and the leases router replicas hold on their limits. */
@ConfigMapping(prefix = "switchboard.registry.governance")
public interface GovernanceConfig {

    /** The alias names routers define ({@code switchboard.router.aliases}), which a key's {@code models} may list. */
    @WithDefault("fast,cheap,best,local")
    List<String> aliases();

    /** How long a lease is usable without being renewed. */
    @WithDefault("10s")
    Duration leaseTtl();

    /**
     * How long after a call ends its usage event may take to reach the registry; a lease that was not renewed stops
     * counting this long after the last call reserved under it can have ended.
     */
    @WithDefault("15s")
    Duration usageGrace();

    /** The longest a router may say a call lasts (its request timeout); longer claims are cut to this. */
    @WithDefault("10m")
    Duration maxCallTimeout();
}
