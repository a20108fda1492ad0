package dev.switchboard.contracts;

import java.time.Duration;

/**
 * A topic as it must be created: its name, partition count, and whether it is compacted; a topic that is not keeps its
 * records for {@code retention} (null: the broker's default).
 */
public record TopicSpec(String name, int partitions, boolean compacted, Duration retention) {

    /** A topic with the broker's default retention: a compacted one, or a test's. */
    public TopicSpec(String name, int partitions, boolean compacted) {
        this(name, partitions, compacted, null);
    }
}
