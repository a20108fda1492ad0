package dev.switchboard.contracts;

/**
 * An adapter took an attempt: sent on the caller's reply partition, before any reply, as soon as the adapter takes a
 * stream's request from its topic, and for a plain call once the adapter's ack delay has passed with no answer out (an
 * answer says as much). A router that gets none in time treats the attempt as failed and falls back; a second one for
 * an attempt whose stream is under way means another adapter took it again (the first one died).
 *
 * @param instance the adapter instance that took it, as in its {@link AdapterAnnouncement}
 * @param queuedMs how long the request waited in Kafka: from the router's send (the record's timestamp) to the adapter
 *        taking it
 */
public record CompletionAck(String requestId, int attempt, String instance, long queuedMs) {
}
