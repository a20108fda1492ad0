package dev.switchboard.router.messaging;

/**
 * A record of {@code switchboard.keys} as read, fired as a CDI event: the key's id and its state's JSON (null for a
 * tombstone), or, with a null id, the signal that the topic has been read up to where it ended at start.
 */
public record KeyRecord(String keyId, byte[] state) {

    public static final KeyRecord CAUGHT_UP = new KeyRecord(null, null);

    public boolean caughtUp() {
        return keyId == null;
    }
}
