package dev.switchboard.adapters.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.AdapterRoundTrip;
import dev.switchboard.adapters.testing.ProviderStubResource;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.local.testing.KafkaTestResource;

/**
 * A streamed call is never free: each protocol's stream reports its usage to the adapter whatever the client asked
 * (OpenAI's is asked for with {@code stream_options.include_usage}; Mistral refuses that option and reports usage
 * unasked, as Anthropic, Gemini and Ollama do), and the client's stream carries the usage only when it asked for it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ProviderStubResource.class, restrictToAnnotatedClass = true)
class StreamUsageTests {

    /** Each provider's model and the input and output tokens its stream fixture reports. */
    private static final Map<String, Call> CALLS = Map.of(
            "openai", new Call("gpt-5.4-mini", 1200, 90),
            "mistral", new Call("mistral-small-latest", 11, 6),
            "anthropic", new Call("claude-haiku-4-5", 25, 9),
            "gemini", new Call("gemini-2.5-flash", 8, 33),
            "ollama", new Call("llama3.2:3b", 26, 5));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private AdapterRoundTrip adapters;

    @BeforeEach
    void connect() {
        adapters = new AdapterRoundTrip(bootstrapServers, mapper);
        ProviderStubResource.server().resetRequests();
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "mistral", "anthropic", "gemini", "ollama" })
    void aStreamTheClientAskedNoUsageOfIsCountedAndCarriesNoUsage(String provider) throws Exception {
        Call call = CALLS.get(provider);

        AdapterRoundTrip.Result result = adapters.send(adapters.chat(provider, call.model(), stream(null)));

        assertThat(result.usage().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.usage().inputTokens()).isEqualTo(call.input());
        assertThat(result.usage().outputTokens()).isEqualTo(call.output());
        assertThat(chunks(result)).as("the client's stream").isNotEmpty()
                .noneMatch(chunk -> chunk.hasNonNull("usage"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "mistral", "anthropic", "gemini", "ollama" })
    void aStreamTheClientAskedUsageOfEndsWithIt(String provider) throws Exception {
        Call call = CALLS.get(provider);

        AdapterRoundTrip.Result result = adapters.send(adapters.chat(provider, call.model(), stream(true)));

        List<ObjectNode> withUsage = chunks(result).stream().filter(chunk -> chunk.hasNonNull("usage")).toList();
        assertThat(withUsage).hasSize(1);
        assertThat(withUsage.get(0).at("/usage/prompt_tokens").asLong()).isEqualTo(call.input());
        assertThat(withUsage.get(0).at("/usage/completion_tokens").asLong()).isEqualTo(call.output());
        assertThat(result.usage().outputTokens()).isEqualTo(call.output());
    }

    @Test
    void eachProtocolIsAskedForUsageInItsOwnWay() throws Exception {
        for (String provider : List.of("openai", "mistral", "anthropic", "gemini", "ollama")) {
            adapters.send(adapters.chat(provider, CALLS.get(provider).model(), stream(false)));
        }

        var server = ProviderStubResource.server();
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
        // Mistral answers 422 to stream_options and reports usage on its last chunk unasked.
        server.verify(postRequestedFor(urlEqualTo("/mistral/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options", absent())));
        // Anthropic's message_start and message_delta, Gemini's usageMetadata and Ollama's last line carry usage always.
        server.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options", absent())));
        server.verify(postRequestedFor(urlPathMatching("/v1beta/models/gemini-2.5-flash:streamGenerateContent"))
                .withRequestBody(matchingJsonPath("$.stream_options", absent())));
        server.verify(postRequestedFor(urlEqualTo("/ollama/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stream_options", absent())));
    }

    /** A streamed request's fields; {@code includeUsage} null leaves {@code stream_options} out. */
    private ObjectNode stream(Boolean includeUsage) {
        ObjectNode fields = mapper.createObjectNode().put("stream", true);
        if (includeUsage != null) {
            fields.putObject("stream_options").put("include_usage", includeUsage);
        }
        return fields;
    }

    private static List<ObjectNode> chunks(AdapterRoundTrip.Result result) {
        return result.replies().stream().map(CompletionReply::chunk).filter(chunk -> chunk != null).toList();
    }

    /** A provider's model and the tokens its fixture reports. */
    private record Call(String model, long input, long output) {
    }
}
