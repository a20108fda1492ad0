package dev.switchboard.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a call is attributed to, as the router authenticated and read it: it travels from the request into every usage
 * event of the call, so spend can be told apart by key, team, end user, metadata and tags, and counted against the
 * budget leases it was reserved from. The key's id is the request's {@code apiKeyId}; the secret never travels.
 *
 * @param keyName the managed key's name, or null for a static key
 * @param teamId the key's team, or null when it has none
 * @param user the request's {@code user} field (OpenAI's end-user id), or null
 * @param metadata the request's {@code metadata} (up to 16 string pairs), or null
 * @param tags the {@code X-Switchboard-Tags} header's comma-separated tags, or null
 * @param leaseHolder the router replica whose leases the call's budget was reserved from, or null when none was
 * @param reservedAt when that reservation was made, which decides the budget period the call counts in
 * @param unpricedModelPrice the price a budget covering the call reserved at on a model the catalog has no price for
 *        (the router's stated fallback), so the registry counts the call's spend on such a model at the same; null when
 *        none is set or no budget covers the call
 */
public record Attribution(
        String keyName,
        String teamId,
        String teamName,
        String user,
        Map<String, String> metadata,
        List<String> tags,
        String leaseHolder,
        Instant reservedAt,
        TokenPrices unpricedModelPrice) {

    /** The tag of the calls {@code ./switchboard up} warms a new stack with; telemetry keeps their raw events briefly. */
    public static final String WARM_UP_TAG = "switchboard-warm-up";

    /** An attribution without a fallback price. */
    public Attribution(String keyName, String teamId, String teamName, String user, Map<String, String> metadata,
            List<String> tags, String leaseHolder, Instant reservedAt) {
        this(keyName, teamId, teamName, user, metadata, tags, leaseHolder, reservedAt, null);
    }
}
