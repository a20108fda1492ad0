package dev.switchboard.e2e.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * An OpenAI-compatible provider that echoes the user's prompt, as {@code mock/echo} does, so that the fault suite's load
 * can judge its answers the same way; a storm or a slowness can be laid over it and lifted again.
 */
final class EchoProviderStub implements AutoCloseable {

    private static final String PROMPT = "{{jsonPath request.body '$.messages[0].content'}}";
    private static final String COMPLETION = """
            {"id":"chatcmpl-faults","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":8,"completion_tokens":8,"total_tokens":16}}
            """.formatted(PROMPT);
    private static final String STREAM = String.join("\n\n",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + PROMPT
                    + "\"},\"finish_reason\":null}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                    + "\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":8,\"total_tokens\":16}}",
            "data: [DONE]", "");

    /** How many calls of a storm get their answer late, past the provider timeout. */
    static final int LATE_REPLIES = 4;
    private static final String LATE_SCENARIO = "late replies";

    /**
     * Request threads: each slow call holds one for its whole delay, and some 30 are in flight at once. Jetty closes a
     * connection that has been silent for its idle timeout (30 s by default), the slow case's own delay: the likely cause
     * of a slow call once cut with a network error at 30 s. The stub's connections may stay silent for two minutes.
     */
    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .containerThreads(100).jettyIdleTimeout(Duration.ofMinutes(2).toMillis()));
    private final List<StubMapping> fault = new ArrayList<>();

    EchoProviderStub() {
        server.start();
        server.stubFor(post("/v1/chat/completions").atPriority(5).willReturn(echo(false, Duration.ZERO)));
        server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(4).willReturn(echo(true, Duration.ZERO)));
    }

    /** The base URL to give the adapters, {@code /v1} included. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /**
     * A storm: the first {@link #LATE_REPLIES} calls get their answer only after {@code late} (past the provider timeout,
     * so that the adapter gives up on them first); every later one fails, in turn by the last digit of its sequence
     * number, with a 429 and {@code Retry-After}, a 500, a 503, a garbage body with a 200, or a connection reset. The
     * late replies come first since the circuit breakers let few calls through once the storm has opened them.
     */
    synchronized void storm(Duration late) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= LATE_REPLIES; i++) {
            String next = "late reply " + i + " sent";
            fault.add(server.stubFor(post("/v1/chat/completions").atPriority(1).inScenario(LATE_SCENARIO)
                    .whenScenarioStateIs(state).willSetStateTo(next).willReturn(echo(false, late))));
            state = next;
        }
        stormOn("[05]", aResponse().withStatus(429).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
        stormOn("[16]", aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}"));
        stormOn("[27]", aResponse().withStatus(503).withBody("upstream connect error or disconnect/reset before headers"));
        stormOn("[38]", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("<html><body>gateway says hello</body></html>"));
        stormOn("[49]", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    /** Every call is answered correctly, after this delay. */
    synchronized void slow(Duration delay) {
        fault.add(server.stubFor(post("/v1/chat/completions").atPriority(2).willReturn(echo(false, delay))));
        fault.add(server.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .atPriority(1).willReturn(echo(true, delay))));
    }

    /** Lifts the storm or the slowness: calls are answered at once again. */
    synchronized void healthy() {
        fault.forEach(this::remove);
        fault.clear();
        server.resetScenarios();
    }

    /**
     * WireMock's scenario bookkeeping is not safe against calls served while a scenario's stubs are added: a served call
     * can write back the scenario as it was before the later stubs joined it, and removing one of those stubs then fails
     * with an {@link IllegalStateException}. The stub itself is gone by then (WireMock removes it before it updates the
     * scenario), so the failure is only the bookkeeping's; the scenarios are reset afterwards in any case.
     */
    private void remove(StubMapping mapping) {
        try {
            server.removeStubMapping(mapping);
        } catch (IllegalStateException staleScenario) {
            if (server.getStubMappings().stream().anyMatch(stub -> stub.getId().equals(mapping.getId()))) {
                throw staleScenario;
            }
        }
    }

    private void stormOn(String lastDigits, ResponseDefinitionBuilder answer) {
        fault.add(server.stubFor(post("/v1/chat/completions").atPriority(2)
                .withRequestBody(matchingJsonPath("$.messages[0].content",
                        matching(LoadDriver.PROMPT_PREFIX + "\\d*" + lastDigits + " .*")))
                .willReturn(answer)));
    }

    private static ResponseDefinitionBuilder echo(boolean streamed, Duration delay) {
        return aResponse().withHeader("Content-Type", streamed ? "text/event-stream" : "application/json")
                .withBody(streamed ? STREAM : COMPLETION).withTransformers("response-template")
                .withFixedDelay((int) delay.toMillis());
    }

    @Override
    public void close() {
        server.stop();
    }
}
