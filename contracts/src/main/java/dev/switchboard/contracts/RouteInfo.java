package dev.switchboard.contracts;

import java.util.List;

/**
 * How the router chose the model of an attempt, carried from the request into its usage event.
 *
 * @param policy the routing policy in force, such as {@code cost_optimized}, or null for an explicit model
 * @param task the task the call was classified as, such as {@code coding}
 * @param candidates the models considered, best first
 * @param fallback whether this attempt went to a model other than the first choice
 * @param reason a short human-readable reason, as in the {@code X-Switchboard-Route} header
 */
public record RouteInfo(String policy, String task, List<String> candidates, boolean fallback, String reason) {
}
