package dev.switchboard.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits every service puts on a request's head before any route reads it ({@code switchboard.http}). */
@ConfigMapping(prefix = "switchboard.http")
public interface HttpLimitsConfig {

    /**
     * The largest header section a service reads (names, values and their separators). A larger one is refused with a
     * 431 in the caller's error shape, as long as it stays within {@code quarkus.http.limits.max-header-size}, past which
     * the HTTP server refuses it itself with a bare 431.
     */
    @WithDefault("20K")
    MemorySize maxHeaderSize();
}
