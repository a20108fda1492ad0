package dev.switchboard.telemetry;

import java.time.Duration;

/** Durations written the way the configuration writes them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}. */
public final class Durations {

    private Durations() {
    }

    /** In whole days or hours where it is a whole number of them, else in minutes; under a minute, in seconds. */
    public static String compact(Duration window) {
        if (window.toMinutes() < 1) {
            return window.toSeconds() + "s";
        }
        if (window.toMinutes() % 1440 == 0) {
            return window.toDays() + "d";
        }
        return window.toMinutes() % 60 == 0 ? window.toHours() + "h" : window.toMinutes() + "m";
    }
}
