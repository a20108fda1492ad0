package dev.switchboard.adapters.client;

import java.util.regex.Pattern;

/** Keeps provider keys out of anything that leaves the adapter: logs, errors, replies and usage events. */
public final class Secrets {

    private static final Pattern KEY_LIKE = Pattern.compile(
            "(sk-[A-Za-z0-9_*\\-]{8,}|AIza[0-9A-Za-z_\\-]{20,}|gsk_[A-Za-z0-9]{10,}|Bearer\\s+[A-Za-z0-9._\\-]{8,})");

    private Secrets() {
    }

    public static String redact(String text) {
        return text == null ? "" : KEY_LIKE.matcher(text).replaceAll("[redacted]");
    }

    /** A key as it may be shown: its length only. */
    public static String mask(String key) {
        return key == null || key.isEmpty() ? "(none)" : "*** (" + key.length() + " chars)";
    }
}
