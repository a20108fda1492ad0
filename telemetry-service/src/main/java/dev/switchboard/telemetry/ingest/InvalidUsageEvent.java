package dev.switchboard.telemetry.ingest;

/** A usage event that can never be stored; its message becomes the dead-letter reason. */
public class InvalidUsageEvent extends RuntimeException {

    public InvalidUsageEvent(String message) {
        super(message, null, false, false);
    }
}
