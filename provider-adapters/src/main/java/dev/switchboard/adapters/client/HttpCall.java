package dev.switchboard.adapters.client;

import java.time.Duration;
import java.util.Map;

import io.vertx.core.http.HttpMethod;

/** One HTTP call to a provider: where, with which headers and body, and how long it may take. */
public record HttpCall(String provider, HttpMethod method, String url, Map<String, String> headers, byte[] body,
        Duration timeout) {

    public static HttpCall get(String provider, String url, Map<String, String> headers, Duration timeout) {
        return new HttpCall(provider, HttpMethod.GET, url, headers, null, timeout);
    }

    public static HttpCall postJson(String provider, String url, Map<String, String> headers, byte[] body,
            Duration timeout) {
        return new HttpCall(provider, HttpMethod.POST, url, headers, body, timeout);
    }
}
