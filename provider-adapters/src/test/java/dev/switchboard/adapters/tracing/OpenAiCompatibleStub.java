package dev.switchboard.adapters.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.adapters.client.ProviderTestSupport;

/**
 * An OpenAI-compatible provider in WireMock, serving the recorded fixtures: a plain answer, a stream (when the body asks
 * for one), and a 429 for the model {@code busy}. The adapters' {@code openai-compatible} provider points at it.
 */
public class OpenAiCompatibleStub implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("\"busy\""))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(ProviderTestSupport.fixture("openai/error-rate-limit.json"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2)
                .withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(ProviderTestSupport.fixture("openai/stream.sse"))));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(3)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(ProviderTestSupport.fixture("openai/chat-completion.json"))));
        return Map.of("switchboard.providers.openai-compatible.base-url", "http://127.0.0.1:" + server.port() + "/v1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
