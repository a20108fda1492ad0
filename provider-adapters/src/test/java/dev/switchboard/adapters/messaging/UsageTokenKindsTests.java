package dev.switchboard.adapters.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.adapters.testing.AdapterRoundTrip;
import dev.switchboard.adapters.testing.ProviderStubResource;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;

/** Every kind of token a provider reports reaches the usage event, and a stream counts its tokens unasked. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ProviderStubResource.class, restrictToAnnotatedClass = true)
class UsageTokenKindsTests {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    private AdapterRoundTrip adapters;

    @BeforeEach
    void connect() {
        adapters = new AdapterRoundTrip(bootstrapServers, mapper);
    }

    @Test
    void anthropicCacheWritesAndTheirOneHourPartReachTheUsageEvent() throws Exception {
        UsageEvent event = adapters.send(adapters.chat("anthropic", "claude-sonnet-5-5", mapper.createObjectNode()))
                .usage();

        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.inputTokens()).as("input, cache reads and cache writes together").isEqualTo(3012);
        assertThat(event.cacheWriteTokens()).isEqualTo(3000);
        assertThat(event.cacheWrite1hTokens()).isEqualTo(2000);
        assertThat(event.cachedInputTokens()).isZero();
        assertThat(event.outputTokens()).isEqualTo(14);
    }

    @Test
    void aStreamTheClientAskedNoUsageOfStillCountsCachedAndReasoningTokens() throws Exception {
        AdapterRoundTrip.Result result = adapters.send(adapters.chat("openai", "gpt-5.4-mini",
                mapper.createObjectNode().put("stream", true)));

        UsageEvent event = result.usage();
        assertThat(event.inputTokens()).isEqualTo(1200);
        assertThat(event.cachedInputTokens()).isEqualTo(1024);
        assertThat(event.outputTokens()).isEqualTo(90);
        assertThat(event.reasoningTokens()).isEqualTo(64);
        assertThat(result.replies()).isNotEmpty().allSatisfy(reply -> assertThat(reply.chunk() == null
                || !reply.chunk().hasNonNull("usage")).as("no usage chunk for a client that did not ask").isTrue());
        ProviderStubResource.server().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
    }
}
