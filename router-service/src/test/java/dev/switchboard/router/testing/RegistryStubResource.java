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

/** Serves a fixed two-model catalog in the registry's {@code GET /models} shape. */
public class RegistryStubResource implements QuarkusTestResourceLifecycleManager {

    static final String CATALOG = """
            {"data":[
              {"id":"mock/echo","provider":"mock","modelId":"echo","capabilities":["text"],"contextWindow":131072,
               "available":true,"price":null},
              {"id":"ollama/llama3.2:3b","provider":"ollama","modelId":"llama3.2:3b","capabilities":["text"],
               "contextWindow":131072,"available":true}
            ],"page":0,"size":1000,"total":2}
            """;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/models", exchange -> {
            byte[] body = CATALOG.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
