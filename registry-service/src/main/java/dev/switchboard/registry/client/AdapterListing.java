package dev.switchboard.registry.client;

import java.util.List;

/** What an adapter said about a provider's models: the list, that it does not serve the provider, or nothing. */
public record AdapterListing(Outcome outcome, List<ListedModel> models, String message) {

    /** How the call ended. */
    public enum Outcome {
        LISTED,
        NOT_SERVED,
        UNREACHABLE
    }

    public static AdapterListing listed(List<ListedModel> models) {
        return new AdapterListing(Outcome.LISTED, List.copyOf(models), null);
    }

    public static AdapterListing notServed(String message) {
        return new AdapterListing(Outcome.NOT_SERVED, List.of(), message);
    }

    public static AdapterListing unreachable(String message) {
        return new AdapterListing(Outcome.UNREACHABLE, List.of(), message);
    }

    public List<String> modelIds() {
        return models.stream().map(ListedModel::id).toList();
    }
}
