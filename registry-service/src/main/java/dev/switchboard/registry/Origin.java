package dev.switchboard.registry;

/** Where a model's metadata or a price row came from. */
public final class Origin {

    public static final String CATALOG = "catalog";
    public static final String MANUAL = "manual";
    public static final String DISCOVERY = "discovery";
    /** A price read from a synced catalog (OpenRouter's model list, LiteLLM's price map). */
    public static final String SYNC = "sync";

    private Origin() {
    }
}
