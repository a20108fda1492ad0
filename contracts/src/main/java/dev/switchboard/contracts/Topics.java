package dev.switchboard.contracts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Kafka topics of Switchboard with their partition counts and retention; contracts/README.md documents each. */
public final class Topics {

    public static final String REQUESTS_PREFIX = "switchboard.requests.";
    public static final String REPLIES = "switchboard.replies";
    public static final String USAGE = "switchboard.usage";
    public static final String USAGE_DLQ = "switchboard.usage.dlq";
    public static final String MODELS = "switchboard.models";
    public static final String KEYS = "switchboard.keys";
    /** Compacted: which adapter instance serves which provider now ({@link AdapterAnnouncement}). */
    public static final String ADAPTERS = "switchboard.adapters";
    /** Compacted: which router replicas are alive ({@link RouterAnnouncement}). */
    public static final String ROUTERS = "switchboard.routers";

    /** Caps how many adapter instances can share one provider's request topic. */
    public static final int REQUEST_PARTITIONS = 12;
    /** Caps how many router replicas get a reply partition of their own. */
    public static final int REPLY_PARTITIONS = 16;
    public static final int USAGE_PARTITIONS = 6;

    /** Requests and replies are worth nothing past their call's deadline; an hour outlasts any. */
    public static final Duration CALL_RETENTION = Duration.ofHours(1);
    /** Usage events wait this long for a telemetry or registry that is away. */
    public static final Duration USAGE_RETENTION = Duration.ofDays(7);
    /** Unreadable usage records wait this long for an operator. */
    public static final Duration USAGE_DLQ_RETENTION = Duration.ofDays(30);

    private Topics() {
    }

    public static String requests(String provider) {
        return REQUESTS_PREFIX + provider;
    }

    public static List<TopicSpec> all() {
        List<TopicSpec> topics = new ArrayList<>();
        for (String provider : Providers.KNOWN) {
            topics.add(new TopicSpec(requests(provider), REQUEST_PARTITIONS, false, CALL_RETENTION));
        }
        topics.add(new TopicSpec(REPLIES, REPLY_PARTITIONS, false, CALL_RETENTION));
        topics.add(new TopicSpec(USAGE, USAGE_PARTITIONS, false, USAGE_RETENTION));
        topics.add(new TopicSpec(USAGE_DLQ, 1, false, USAGE_DLQ_RETENTION));
        topics.add(new TopicSpec(MODELS, 1, true));
        topics.add(new TopicSpec(KEYS, 1, true));
        topics.add(new TopicSpec(ADAPTERS, 1, true));
        topics.add(new TopicSpec(ROUTERS, 1, true));
        return List.copyOf(topics);
    }
}
