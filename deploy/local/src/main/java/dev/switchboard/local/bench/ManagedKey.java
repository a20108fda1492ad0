package dev.switchboard.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A managed key with a budget and rate limits far above what the benchmark spends, made through the registry's admin
 * API, so that a phase measures what governance costs a call that it lets through.
 */
final class ManagedKey {

    private static final Pattern SECRET = Pattern.compile("\"key\"\\s*:\\s*\"(sb-[^\"]+)\"");
    private static final Duration KNOWN_WITHIN = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ManagedKey() {
    }

    /** The secret of a new key, once the router accepts it (the routers learn of keys from a topic). */
    static String create(Call.Target target) {
        String registry = target.parts().get("registry");
        if (registry == null) {
            throw new IllegalStateException("the stack names no registry: " + target.parts());
        }
        String body = "{\"name\":\"bench-" + UUID.randomUUID() + "\",\"maxBudgetUsd\":1000000,\"budgetPeriod\":"
                + "\"monthly\",\"rpm\":1000000000,\"tpm\":2000000000}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(registry + "/admin/keys"))
                .header("Authorization", "Bearer " + target.adminKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Matcher secret = SECRET.matcher(created.body());
        if (created.statusCode() != 201 || !secret.find()) {
            throw new IllegalStateException("no managed key was made: " + created.statusCode() + " " + created.body());
        }
        String key = secret.group(1);
        long deadline = System.nanoTime() + KNOWN_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> known = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/key"))
                    .header("Authorization", "Bearer " + key).GET().build());
            if (known.statusCode() == 200) {
                return key;
            }
            pause();
        }
        throw new IllegalStateException("the router did not accept the new managed key within " + KNOWN_WITHIN);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
