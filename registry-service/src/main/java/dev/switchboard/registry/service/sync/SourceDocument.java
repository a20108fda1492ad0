package dev.switchboard.registry.service.sync;

import java.util.List;

/**
 * A synced catalog as read: its format ({@code openrouter} or {@code litellm}), the entries for Switchboard's
 * providers, the entries skipped as bad (with why), and how many entries were for other providers or modes.
 */
public record SourceDocument(String format, List<SyncedEntry> entries, List<Skipped> skipped, int skippedTotal,
        int ignored, int read) {

    /** An entry left out, with the reason. */
    public record Skipped(String entry, String reason) {
    }
}
