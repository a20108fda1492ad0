package dev.switchboard.router.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Serves a small catalog in the registry's {@code GET /models} shape, with {@link #extraModel} when set, or 503 while
 * {@link #down}; the lease API ({@link LeaseStub}); and telemetry's latency read ({@link TelemetryStub}).
 */
public class RegistryStubResource implements QuarkusTestResourceLifecycleManager {

    static final String CATALOG = """
            {"data":[
              {"id":"anthropic/claude-3-7-sonnet-latest","provider":"anthropic","modelId":"claude-3-7-sonnet-latest",
               "capabilities":["text","vision","function-calling"],"contextWindow":200000,"available":true,"local":false,
               "latencyTier":"medium","qualityTier":"highest",
               "price":{"inputCostPerMillion":3,"outputCostPerMillion":15}},
              {"id":"mock/echo","provider":"mock","modelId":"echo","capabilities":["text"],"contextWindow":131072,
               "available":true,"local":true,"latencyTier":"medium","qualityTier":"basic","price":null},
              {"id":"ollama/llama3.2:3b","provider":"ollama","modelId":"llama3.2:3b","capabilities":["text"],
               "contextWindow":1000,"available":true,"local":true,"latencyTier":"slow","qualityTier":"basic",
               "price":{"inputCostPerMillion":0,"outputCostPerMillion":0}},
              {"id":"openai/gpt-4o-mini","provider":"openai","modelId":"gpt-4o-mini",
               "capabilities":["text","vision","function-calling"],"contextWindow":128000,"available":true,"local":false,
               "latencyTier":"fast","qualityTier":"good","price":{"inputCostPerMillion":0.15,"outputCostPerMillion":0.6}},
              {"id":"openai/text-embedding-3-small","provider":"openai","modelId":"text-embedding-3-small",
               "capabilities":["embeddings"],"contextWindow":8191,"available":true,"local":false,"latencyTier":"fast",
               "qualityTier":"good","price":{"inputCostPerMillion":0.02,"outputCostPerMillion":0}},
              {"id":"ollama/nomic-embed-text","provider":"ollama","modelId":"nomic-embed-text",
               "capabilities":["embeddings"],"contextWindow":8192,"available":true,"local":true,"latencyTier":"fast",
               "qualityTier":"basic","price":{"inputCostPerMillion":0,"outputCostPerMillion":0}}
            %s],"page":0,"size":1000,"total":%d}
            """;

    /** While true, the stub answers 503, as a registry that is down. */
    public static volatile boolean down;
    /** One more model in the registry's JSON shape, as a registry that just learnt of it; null for none. */
    public static volatile String extraModel;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/models", exchange -> {
            String extra = extraModel;
            String catalog = extra == null ? CATALOG.formatted("", 6) : CATALOG.formatted("," + extra, 7);
            byte[] body = (down ? "{\"error\":{\"message\":\"down\"}}" : catalog).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/governance/leases", LeaseStub::handle);
        server.createContext("/responses/", ResponseStoreStub::handle);
        server.createContext("/telemetry", TelemetryStub::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.registry.url", url, "quarkus.rest-client.telemetry.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
