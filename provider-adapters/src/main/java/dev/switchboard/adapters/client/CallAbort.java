package dev.switchboard.adapters.client;

import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * Cuts one provider call off when its caller cancels: the request is reset, which closes its connection, since only a
 * closed connection tells the provider that nobody reads the answer and that it can stop generating tokens.
 */
final class CallAbort {

    private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    private volatile boolean aborted;

    void sent(HttpClientRequest sent) {
        request.set(sent);
    }

    void abort() {
        aborted = true;
        HttpClientRequest sent = request.get();
        if (sent != null) {
            sent.reset();
        }
    }

    /**
     * The reset fails the call's own streams, racing the cancellation on its way up; such a failure has nobody left to
     * report to, and would otherwise be logged as dropped.
     */
    <T> Uni<T> quiet(Uni<T> source) {
        return source.onFailure(failure -> aborted).recoverWithUni(Uni.createFrom().nothing());
    }

    <T> Multi<T> quiet(Multi<T> source) {
        return source.onFailure(failure -> aborted).recoverWithCompletion();
    }
}
