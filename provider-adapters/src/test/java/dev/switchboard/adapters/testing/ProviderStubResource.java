package dev.switchboard.adapters.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.adapters.client.ProviderTestSupport;

/**
 * Serves the documented answers of OpenAI, Anthropic, Gemini, Ollama and Mistral from WireMock and points those
 * providers at it, so a test can follow a request through the adapter's Kafka path to its replies and usage event.
 * Each provider has a path of its own: {@code /v1} OpenAI, {@code /v1/messages} Anthropic, {@code /v1beta} Gemini,
 * {@code /ollama} Ollama, {@code /mistral/v1} Mistral.
 */
public class ProviderStubResource implements QuarkusTestResourceLifecycleManager {

    private static final String MISTRAL_EXTRA_FIELD = """
            {"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","stream_options"],
             "msg":"Extra inputs are not permitted","input":{"include_usage":true}}]},"type":"invalid_request_error",
             "param":null,"code":null}""";

    private static WireMockServer server;

    /** The stub, for verifying what the adapter sent upstream. */
    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post("/v1/messages").atPriority(5)
                .willReturn(body("application/json", "anthropic/message-cache-write.json")));
        server.stubFor(post("/v1/messages").atPriority(1).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(body("text/event-stream", "anthropic/stream-text.sse")));
        server.stubFor(post("/v1/chat/completions")
                .willReturn(body("text/event-stream", "openai/stream-usage-details.sse")));
        server.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:streamGenerateContent"))
                .willReturn(body("text/event-stream", "gemini/stream.sse")));
        server.stubFor(post("/ollama/api/chat").willReturn(body("application/x-ndjson", "ollama/stream.ndjson")));
        server.stubFor(post("/mistral/v1/chat/completions").atPriority(5)
                .willReturn(body("text/event-stream", "openai/mistral-stream.sse")));
        // Mistral refuses fields it does not know, stream_options among them.
        server.stubFor(post("/mistral/v1/chat/completions").atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream_options"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody(MISTRAL_EXTRA_FIELD)));
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "switchboard.providers.anthropic.base-url", url,
                "switchboard.providers.anthropic.api-key", "sk-ant-api03-test0123456789abcdefghijklmnopqrstuvwxyz",
                "switchboard.providers.openai.base-url", url + "/v1",
                "switchboard.providers.openai.api-key", "sk-test-0123456789abcdefghijklmnop",
                "switchboard.providers.gemini.base-url", url,
                "switchboard.providers.gemini.api-key", "AIzaTest0123456789abcdefghijklmnopqrstu",
                "switchboard.providers.ollama.base-url", url + "/ollama",
                "switchboard.providers.mistral.base-url", url + "/mistral/v1",
                "switchboard.providers.mistral.api-key", "Test0123456789abcdefghijklmnopqr");
    }

    private static ResponseDefinitionBuilder body(String contentType, String fixture) {
        return aResponse().withHeader("Content-Type", contentType).withBody(ProviderTestSupport.fixture(fixture));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
