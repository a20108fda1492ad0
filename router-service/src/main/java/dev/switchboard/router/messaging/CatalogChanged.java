package dev.switchboard.router.messaging;

/** A CDI event: the registry announced a change of the model catalog on {@code switchboard.models}. */
public record CatalogChanged() {

    static final CatalogChanged INSTANCE = new CatalogChanged();
}
