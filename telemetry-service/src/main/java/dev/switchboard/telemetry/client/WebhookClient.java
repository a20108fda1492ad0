package dev.switchboard.telemetry.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.smallrye.faulttolerance.api.ExponentialBackoff;

/** Posts JSON to an alert webhook off the caller's thread, retrying with exponential backoff until a 2xx answer. */
@ApplicationScoped
public class WebhookClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Asynchronous
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 5, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 5, durationUnit = ChronoUnit.MINUTES, jitter = 0)
    @ExponentialBackoff(factor = 2, maxDelay = 60, maxDelayUnit = ChronoUnit.SECONDS)
    public CompletionStage<Integer> post(URI webhook, String json) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new WebhookRejected(webhook, status);
            }
            return CompletableFuture.completedFuture(status);
        } catch (IOException e) {
            throw new WebhookRejected(webhook, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookRejected(webhook, e);
        }
    }

    /** A delivery that did not get a 2xx answer; retried. */
    public static class WebhookRejected extends RuntimeException {

        WebhookRejected(URI webhook, int status) {
            super("webhook " + webhook.getHost() + " answered " + status);
        }

        WebhookRejected(URI webhook, Exception cause) {
            super("webhook " + webhook.getHost() + " unreachable: " + cause, cause);
        }
    }
}
