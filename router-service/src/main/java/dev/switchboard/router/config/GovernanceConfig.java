package dev.switchboard.router.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.PositiveOrZero;

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

    /**
     * The price a call a budget covers is reserved and counted at on a model the catalog has no price for. Unset (the
     * default), such a call is refused with 403 {@code model_price_unknown}, since its cost could not be reserved.
     */
    Optional<UnpricedModelPrice> unpricedModelPrice();

    /** USD per million tokens. */
    interface UnpricedModelPrice {

        @PositiveOrZero
        BigDecimal inputPerMillion();

        @PositiveOrZero
        BigDecimal outputPerMillion();
    }
}
