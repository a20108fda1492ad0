package dev.switchboard.router.service.pipeline;

import java.util.concurrent.ThreadLocalRandom;

import dev.switchboard.router.config.RouterConfig;

/** Exponential backoff with jitter: base × multiplier^retry, capped, with a random share taken off. */
final class Backoff {

    private Backoff() {
    }

    static long delayMs(RouterConfig.Retry settings, int retry) {
        double exponential = settings.baseDelay().toMillis() * Math.pow(settings.multiplier(), retry);
        double capped = Math.min(exponential, settings.maxDelay().toMillis());
        double jitter = Math.max(0, Math.min(1, settings.jitter()));
        return Math.round(capped * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
    }
}
