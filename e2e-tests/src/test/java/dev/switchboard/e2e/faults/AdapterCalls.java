package dev.switchboard.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.switchboard.local.ServiceProcess;

/** How many provider calls an adapter process has made, by its operation-duration metric. */
final class AdapterCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdapterCalls() {
    }

    /** The process's count so far; -1 when it does not answer (killed, paused). */
    static long of(ServiceProcess adapter) {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create(adapter.spec().managementUrl() + "/q/metrics")).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return Math.round(metrics.body().lines()
                    .filter(line -> line.startsWith("gen_ai_client_operation_duration_seconds_count"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
