package dev.switchboard.registry;

import java.util.List;

/**
 * The answer of {@code POST /models/refresh}: per provider, what its adapter said and what changed. {@code status} is
 * {@code refreshed}, {@code not_served} (no adapter serves the provider; nothing changed) or {@code unreachable}
 * (nothing changed, the provider is marked down). Added models have no price until a synced catalog or an operator
 * sets one; {@code described} are discovered models whose facts changed with what the list states.
 */
public record RefreshResult(List<ProviderRefresh> providers, int added, int retired, int restored) {

    /** One provider's refresh. */
    public record ProviderRefresh(String provider, String status, String adapter, int listed, List<String> added,
            List<String> retired, List<String> restored, List<String> described, String message) {
    }
}
