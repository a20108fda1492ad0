package dev.switchboard.router.rest;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/** Writes one server-sent event: its name when it has one, then its JSON on one {@code data} line. */
public final class ServerSentEvents {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private ServerSentEvents() {
    }

    /** The event; {@code json} must hold no line break, which compact JSON never does. */
    public static Buffer of(String name, byte[] json) {
        int size = DATA.length + json.length + END.length + (name == null ? 0 : EVENT.length + name.length() + 1);
        Buffer event = Buffer.buffer(size);
        if (name != null) {
            event.appendBytes(EVENT).appendString(name).appendByte((byte) '\n');
        }
        return event.appendBytes(DATA).appendBytes(json).appendBytes(END);
    }
}
