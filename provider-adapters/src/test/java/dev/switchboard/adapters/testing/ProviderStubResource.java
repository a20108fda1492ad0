package dev.switchboard.adapters.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.adapters.client.ProviderTestSupport;

/**
 * Serves Anthropic's and OpenAI's documented answers from WireMock and points those two providers at it, so a test can
 * follow a request through the adapter's Kafka path to its usage event.
 */
public class ProviderStubResource implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    /** The stub, for verifying what the adapter sent upstream. */
    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post("/v1/messages").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(ProviderTestSupport.fixture("anthropic/message-cache-write.json"))));
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(ProviderTestSupport.fixture("openai/stream-usage-details.sse"))));
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "switchboard.providers.anthropic.base-url", url,
                "switchboard.providers.anthropic.api-key", "sk-ant-api03-test0123456789abcdefghijklmnopqrstuvwxyz",
                "switchboard.providers.openai.base-url", url + "/v1",
                "switchboard.providers.openai.api-key", "sk-test-0123456789abcdefghijklmnop");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
