package dev.switchboard.api.auth;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The keys every service knows, and the right its routes need by default ({@code switchboard.auth}). */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** The admin key ({@code SWITCHBOARD_ADMIN_KEY}): every right but calling the models. */
    Optional<String> adminKey();

    /** The read-only operations key ({@code SWITCHBOARD_OPS_KEY}), which services also send to each other. */
    Optional<String> opsKey();

    /** The right a route needs when neither it nor its class says; unset, such a route is open. */
    Optional<Right> defaultRight();
}
