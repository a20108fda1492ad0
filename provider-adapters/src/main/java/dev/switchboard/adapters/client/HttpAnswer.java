package dev.switchboard.adapters.client;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** A provider's complete HTTP answer. */
public record HttpAnswer(int status, MultiMap headers, Buffer body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
