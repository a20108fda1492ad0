package dev.switchboard.adapters.config;

import java.util.List;

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
}
