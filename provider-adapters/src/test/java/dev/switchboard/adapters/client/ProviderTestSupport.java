package dev.switchboard.adapters.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.vertx.mutiny.core.Vertx;

import dev.switchboard.adapters.config.ProviderSettings;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;

/**
 * What a provider client test needs: a real in-JVM HTTP stub of the provider (WireMock), the shared HTTP client on its
 * own Vert.x, and the fixtures under {@code src/test/resources/fixtures} (their sources are listed in the README there).
 */
public final class ProviderTestSupport implements AutoCloseable {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ErrorClassifier classifier = new ErrorClassifier(MAPPER);
    private final ProviderHttp http = new ProviderHttp(vertx, classifier);

    public ProviderTestSupport() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public ProviderHttp http() {
        return http;
    }

    public ErrorClassifier classifier() {
        return classifier;
    }

    public static String fixture(String path) {
        try (InputStream in = ProviderTestSupport.class.getClassLoader().getResourceAsStream("fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as the router sends it: the client's OpenAI body, the provider and the provider-side model. */
    public static CompletionRequest request(String provider, String model, String openAiBody) {
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model, System.currentTimeMillis() + 60_000,
                "key-test", (ObjectNode) json(openAiBody));
    }

    /** An embeddings request as the router sends it: the client's OpenAI Embeddings body. */
    public static CompletionRequest embeddingsRequest(String provider, String model, String openAiBody) {
        return new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model, System.currentTimeMillis() + 60_000,
                "key-test", Operation.EMBEDDINGS, Dialect.OPENAI, (ObjectNode) json(openAiBody), null, null);
    }

    public static ProviderSettings settings(String baseUrl, String apiKey, Duration timeout) {
        return new ProviderSettings() {
            @Override
            public Optional<String> baseUrl() {
                return Optional.ofNullable(baseUrl);
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.ofNullable(apiKey);
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public Optional<List<String>> models() {
                return Optional.empty();
            }
        };
    }

    @Override
    public void close() {
        server.stop();
        http.close();
        vertx.closeAndAwait();
    }
}
