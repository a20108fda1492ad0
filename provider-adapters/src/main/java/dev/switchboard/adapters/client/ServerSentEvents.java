package dev.switchboard.adapters.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;

import dev.switchboard.contracts.ErrorClass;

/** Reads the {@code data:} payloads of a server-sent event stream given as lines; comments and other fields are skipped. */
public final class ServerSentEvents {

    private ServerSentEvents() {
    }

    /** The payload of every {@code data:} line, in order. Events made of several data lines are not used by providers. */
    public static Multi<String> data(Multi<String> lines) {
        return lines
                .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).stripLeading());
    }

    /**
     * Fails the stream when it completes without its protocol's end marker having been seen, so a connection cut
     * mid-way is an error and never a silently short answer.
     */
    public static <T> Multi<T> requireEnd(Multi<T> items, AtomicBoolean endSeen, String provider) {
        return Multi.createBy().concatenating().streams(items, Multi.createFrom().deferred(() -> endSeen.get()
                ? Multi.createFrom().<T> empty()
                : Multi.createFrom().<T> failure(new ProviderException(ErrorClass.NETWORK,
                        provider + " closed the stream before it was complete"))));
    }

    /** As {@link #requireEnd}, then one last item made once the end was seen: a usage chunk built from the last event. */
    public static <T> Multi<T> requireEnd(Multi<T> items, AtomicBoolean endSeen, String provider, Supplier<T> last) {
        return Multi.createBy().concatenating().streams(requireEnd(items, endSeen, provider),
                Multi.createFrom().deferred(() -> Multi.createFrom().item(last.get())));
    }
}
