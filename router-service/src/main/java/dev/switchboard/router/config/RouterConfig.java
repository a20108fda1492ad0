package dev.switchboard.router.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The router's own settings. */
@ConfigMapping(prefix = "switchboard.router")
public interface RouterConfig {

    /** Keys accepted as {@code Authorization: Bearer <key>}; SWITCHBOARD_API_KEY may hold several, comma-separated. */
    Optional<List<String>> apiKeys();

    /** A call's whole budget, every attempt and backoff included; past it the client gets a 504. */
    @WithDefault("60s")
    Duration requestTimeout();

    /** A streamed attempt that sends no first chunk within this time counts as failed and falls back. */
    @WithDefault("30s")
    Duration firstChunkTimeout();

    /**
     * An attempt that no adapter acknowledges within this time of the broker having its request counts as failed, and
     * the call moves on to the next candidate: a stuck or missing adapter costs this much, not the deadline.
     */
    @WithDefault("2s")
    Duration ackTimeout();

    /**
     * A stream under way that brings nothing for this long is cut: the caller gets an error event, and the attempt is
     * cancelled at its adapter. Longer than the adapters' own idle timeout, so that normally theirs, which counts the
     * tokens, decides; this one covers an adapter that died or hangs.
     */
    @WithDefault("40s")
    Duration streamIdleTimeout();

    /** How often this replica announces on {@code switchboard.routers} that it waits for its requests' replies. */
    @WithDefault("5s")
    Duration heartbeat();

    /**
     * How long an adapter holds this replica's announcement. Past it without a newer one, the replica counts as gone,
     * and the adapters stop the provider calls it sent, since nobody reads their answers.
     */
    @WithDefault("15s")
    Duration announcementTtl();

    /**
     * The partition of {@code switchboard.replies} this replica reads. Unset, it is derived from the host name and HTTP
     * port; two replicas that land on the same partition still work, each ignoring the other's replies.
     */
    OptionalInt replyPartition();

    /** How often the model catalog is fetched again from the registry. */
    @WithDefault("30s")
    Duration catalogRefresh();

    /** How often latency and error statistics are fetched again from telemetry. */
    @WithDefault("30s")
    Duration statsRefresh();

    /** Model names that stand for an ordered list of models, e.g. {@code fast=groq/llama-3.1-8b-instant,mock/echo}. */
    Map<String, String> aliases();

    /** Per-model fallbacks, tried in order after the model itself, e.g. {@code "openai/gpt-4o"=anthropic/...}. */
    Map<String, String> fallbacks();

    /** The policy used for {@code auto} when the call names none. */
    @WithDefault("quality_optimized")
    String defaultPolicy();

    /** Per task, the models to prefer, best first. */
    Map<String, String> tasks();

    Retry retry();

    Breaker circuitBreaker();

    Classifier classifier();

    /** Retries of retryable errors on the same model: exponential backoff with jitter. */
    interface Retry {

        @WithDefault("2")
        int maxRetries();

        @WithDefault("200ms")
        Duration baseDelay();

        @WithDefault("5s")
        Duration maxDelay();

        @WithDefault("2.0")
        double multiplier();

        /** The share of each delay that is random, from 0 to 1. */
        @WithDefault("0.2")
        double jitter();
    }

    /** Circuit breakers per provider and per model: they open on an error ratio over a rolling window of calls. */
    interface Breaker {

        @WithDefault("10")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit stays open before it lets a probe through. */
        @WithDefault("30s")
        Duration delay();

        @WithDefault("1")
        int successThreshold();
    }

    /** The rules that decide a call's task when the X-Switchboard-Task header is absent. */
    interface Classifier {

        /** Per task, a regular expression over the user's text that marks it. Checked in the order of the keys. */
        Map<String, String> keywords();

        /** Prompts at least this many characters long are {@code complex}. */
        @WithDefault("4000")
        int complexLength();

        /** Prompts at most this many characters long are {@code simple}. */
        @WithDefault("200")
        int simpleLength();
    }
}
