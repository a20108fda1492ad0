package dev.switchboard.telemetry.export;

import java.util.Locale;

/** The export formats and their media types. */
public enum ExportFormat {
    CSV("text/csv; charset=utf-8"),
    JSON("application/json"),
    NDJSON("application/x-ndjson");

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
