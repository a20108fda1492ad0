package dev.switchboard.contracts;

import java.time.Instant;

/**
 * A router replica's word that it is alive and waits for the replies of the requests it sent, on the compacted
 * {@code switchboard.routers} topic keyed by {@code replica}: sent at start, again every heartbeat, and as a tombstone
 * (null value) on a clean shutdown. Its requests name it in the {@code switchboard-router} header; an adapter stops the
 * provider calls of a replica that is gone (its TTL ran out, or it said goodbye), since nobody reads their answers.
 *
 * @param replica the replica's id, new at each start: {@code host:port/start}, so a replica started again is not taken
 *        for the one that died
 * @param ttlMs how long a reader holds this record
 */
public record RouterAnnouncement(String replica, Instant announcedAt, long ttlMs) {
}
