package dev.switchboard.adapters.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.core.parsetools.RecordParser;

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
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setConnectTimeout(10_000)
                .setDecompressionSupported(true)
                .setTryUseCompression(true));
        this.classifier = classifier;
    }

    /** Sends the call and reads the whole answer, whatever its status. */
    public Uni<HttpAnswer> send(HttpCall call) {
        return request(call)
                .onItem().transformToUni(response -> response.body()
                        .map(body -> new HttpAnswer(response.statusCode(), response.headers().getDelegate(),
                                body.getDelegate())))
                .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure));
    }

    /** Sends the call and, on success, streams its body line by line; an error status fails with its class. */
    public Multi<String> lines(HttpCall call) {
        return request(call)
                .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure))
                .onItem().transformToMulti(response -> {
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        return response.body().onItem().<String> transformToMulti(body -> Multi.createFrom().failure(
                                classifier.classify(call.provider(), response.statusCode(), response.headers().getDelegate(),
                                        body.toString())));
                    }
                    return RecordParser.newDelimited("\n", response).toMulti().map(Buffer::toString);
                })
                .onFailure(this::isTransport).transform(failure -> transportFailure(call, failure));
    }

    private Uni<HttpClientResponse> request(HttpCall call) {
        RequestOptions options = new RequestOptions()
                .setMethod(call.method())
                .setAbsoluteURI(call.url())
                .setIdleTimeout(call.timeout().toMillis());
        call.headers().forEach(options::putHeader);
        return client.request(options).onItem().transformToUni((HttpClientRequest request) -> call.body() == null
                ? request.send()
                : request.send(Buffer.buffer(call.body())));
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
