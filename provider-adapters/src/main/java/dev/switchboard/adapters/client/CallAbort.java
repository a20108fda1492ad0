package dev.switchboard.adapters.client;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.MultiHelper;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

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
     * The reset fails the call's own futures and streams on the event loop, while the cancellation travels up on the
     * caller's thread. Such a failure has nobody left to report to, so it is dropped before it enters Mutiny: an
     * operator already cancelled would hand it to Mutiny's dropped-exception handler, which logs it as an error.
     */
    <T> Uni<T> quiet(Future<T> source) {
        return Uni.createFrom().emitter(emitter -> source.onComplete(result -> {
            if (result.succeeded()) {
                emitter.complete(result.result());
            } else if (!aborted) {
                emitter.fail(result.cause());
            }
        }));
    }

    Multi<Buffer> quiet(HttpClientResponse body) {
        return MultiHelper.toMulti(new QuietBody(body), Function.identity());
    }

    /** The response body, whose failures are kept from its reader once the call is aborted. */
    private final class QuietBody implements ReadStream<Buffer> {

        private final HttpClientResponse body;

        QuietBody(HttpClientResponse body) {
            this.body = body;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            body.exceptionHandler(handler == null ? null : failure -> {
                if (!aborted) {
                    handler.handle(failure);
                }
            });
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            body.handler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            body.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            body.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            body.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            body.endHandler(endHandler);
            return this;
        }
    }
}
