package dev.switchboard.contracts;

/** A topic as it must be created: its name, partition count and whether it is compacted. */
public record TopicSpec(String name, int partitions, boolean compacted) {
}
