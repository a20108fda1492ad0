package dev.switchboard.adapters.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

import dev.switchboard.contracts.ErrorClass;

/**
 * The one non-blocking HTTP client every provider client shares: a whole answer, or a streamed body cut into lines.
 * Transport failures are classified here as {@code network} or {@code timeout}; HTTP errors by {@link ErrorClassifier}.
 */
@ApplicationScoped
public class ProviderHttp {

    private final HttpClient client;
    private final ErrorClassifier classifier;

    public ProviderHttp(Vertx vertx, ErrorClassifier classifier) {
        // The provider call's span is the GenAI client span (CompletionService); Vert.x adds no HTTP span of its own,
        // and no trace context goes to the provider.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setConnectTimeout(10_000)
                .setDecompressionSupported(true)
                .setTryUseCompression(true));
        this.classifier = classifier;
    }

    /** Sends the call and reads the whole answer, whatever its status; cancelling it aborts the call. */
    public Uni<HttpAnswer> send(HttpCall call) {
        return Uni.createFrom().context(context -> {
            CallTiming timing = CallTiming.of(context);
            CallAbort abort = new CallAbort();
            return request(call, abort, timing)
                    .onItem().transformToUni(response -> abort.quiet(response.body())
                            .map(body -> {
                                timing.ended();
                                return new HttpAnswer(response.statusCode(), response.headers(), body);
                            }))
                    .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure))
                    .onCancellation().invoke(abort::abort);
        });
    }

    /**
     * Sends the call and, on success, streams its body line by line; an error status fails with its class. Cancelling
     * the stream aborts the call.
     */
    public Multi<String> lines(HttpCall call) {
        return Multi.createFrom().context(context -> {
            CallTiming timing = CallTiming.of(context);
            CallAbort abort = new CallAbort();
            return request(call, abort, timing)
                    .onCancellation().invoke(abort::abort)
                    .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure))
                    .onItem().transformToMulti(response -> {
                        if (response.statusCode() < 200 || response.statusCode() >= 300) {
                            return abort.quiet(response.body()).onItem().<String> transformToMulti(body -> Multi
                                    .createFrom().failure(classifier.classify(call.provider(), response.statusCode(),
                                            response.headers(), body.toString())));
                        }
                        return lines(abort.quiet(response)).onCompletion().invoke(timing::ended);
                    })
                    .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure))
                    .onCancellation().invoke(abort::abort);
        });
    }

    /**
     * Cuts a body into lines, keeping a last line that has no line break after it. Bytes are carried, not characters:
     * a UTF-8 character split across two network buffers is decoded only once whole, and a newline byte never occurs
     * inside a multi-byte character.
     */
    private static Multi<String> lines(Multi<Buffer> body) {
        AtomicReference<Buffer> carry = new AtomicReference<>(Buffer.buffer());
        Multi<String> complete = body.onItem().transformToIterable(chunk -> {
            Buffer pending = carry.get().appendBuffer(chunk);
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < pending.length(); i++) {
                if (pending.getByte(i) == '\n') {
                    lines.add(pending.getString(start, i, "UTF-8"));
                    start = i + 1;
                }
            }
            carry.set(pending.getBuffer(start, pending.length()));
            return lines;
        });
        return Multi.createBy().concatenating().streams(complete, Multi.createFrom().deferred(() -> carry.get().length() == 0
                ? Multi.createFrom().<String> empty()
                : Multi.createFrom().item(carry.get().toString("UTF-8"))));
    }

    private Uni<HttpClientResponse> request(HttpCall call, CallAbort abort, CallTiming timing) {
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setAbsoluteURI(call.url())
                .setIdleTimeout(call.timeout().toMillis());
        call.headers().forEach(options::putHeader);
        timing.started();
        return client.request(options).onItem().transformToUni(request -> {
            timing.connected();
            HttpClientRequest sent = request.getDelegate();
            abort.sent(sent);
            return abort.quiet(call.body() == null ? sent.send() : sent.send(Buffer.buffer(call.body())));
        }).invoke(timing::answered);
    }

    private boolean isTransport(Throwable failure) {
        return !(failure instanceof ProviderException);
    }

    private static ProviderException transportFailure(HttpCall call, Throwable failure) {
        if (failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return new ProviderException(ErrorClass.TIMEOUT, call.provider() + " did not answer within "
                    + call.timeout().toSeconds() + " s");
        }
        if (failure instanceof ConnectException || failure instanceof UnknownHostException
                || failure instanceof io.netty.channel.ConnectTimeoutException) {
            return new ProviderException(ErrorClass.NETWORK, "could not connect to " + call.provider() + ": "
                    + failure.getMessage());
        }
        return new ProviderException(ErrorClass.NETWORK, "connection to " + call.provider() + " failed: "
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
