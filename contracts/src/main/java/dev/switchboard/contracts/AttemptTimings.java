package dev.switchboard.contracts;

/**
 * Where one attempt's time went, in milliseconds, hop by hop; a part that was not measured is null.
 *
 * @param routerMs in the router before the attempt was sent: reading and routing the call, and for a retry or fallback
 *        the wait since the attempt before (backoff included)
 * @param toAdapterMs the Kafka hop to the adapter: from the router's send to the adapter taking the request
 * @param connectMs waiting for a connection to the provider (zero when a pooled one was free)
 * @param firstTokenMs the provider's time to first token: from the request written to the first chunk of a stream, or
 *        to the head of a plain answer
 * @param lastTokenMs the provider's time to last token: from the request written to the end of the answer
 * @param backMs the hop back: from the adapter sending the (last) reply to the broker holding it, measured by the
 *        broker's acknowledgement
 */
public record AttemptTimings(Long routerMs, Long toAdapterMs, Long connectMs, Long firstTokenMs, Long lastTokenMs,
        Long backMs) {

    /** A copy with the hop back set. */
    public AttemptTimings withBackMs(Long back) {
        return new AttemptTimings(routerMs, toAdapterMs, connectMs, firstTokenMs, lastTokenMs, back);
    }
}
