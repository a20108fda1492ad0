package dev.switchboard.telemetry.client;

/** The registry's answer for one model: found, unknown to it, or not reachable. */
public record ModelLookup(RegistryModel model, boolean unavailable) {

    public static ModelLookup found(RegistryModel model) {
        return new ModelLookup(model, false);
    }

    public static ModelLookup notFound() {
        return new ModelLookup(null, false);
    }

    public static ModelLookup registryUnavailable() {
        return new ModelLookup(null, true);
    }
}
