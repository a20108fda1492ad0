package dev.switchboard.adapters.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.local.testing.KafkaTestResource;

/**
 * A stream the provider breaks after its first content event, in each of the four protocols and each way it can
 * break: the router gets the content, then a reply with the error that ends the stream; the attempt's usage says
 * {@code stream_cut} with the tokens streamed so far. A stream that fails before any content keeps its own class.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = BrokenStreamServer.class, restrictToAnnotatedClass = true)
class StreamCutTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    CompletionService service;

    @Inject
    ObjectMapper mapper;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "openai, gpt-4o-mini, " + BrokenStreamServer.RESET,
            "openai, gpt-4o-mini, " + BrokenStreamServer.NO_END,
            "openai, gpt-4o-mini, " + BrokenStreamServer.MALFORMED,
            "openai, gpt-4o-mini, " + BrokenStreamServer.ERROR_EVENT,
            "openai, gpt-4o-mini, " + BrokenStreamServer.STALL,
            "anthropic, claude-3-5-haiku-latest, " + BrokenStreamServer.RESET,
            "anthropic, claude-3-5-haiku-latest, " + BrokenStreamServer.NO_END,
            "anthropic, claude-3-5-haiku-latest, " + BrokenStreamServer.MALFORMED,
            "anthropic, claude-3-5-haiku-latest, " + BrokenStreamServer.ERROR_EVENT,
            "anthropic, claude-3-5-haiku-latest, " + BrokenStreamServer.STALL,
            "gemini, gemini-2.0-flash, " + BrokenStreamServer.RESET,
            "gemini, gemini-2.0-flash, " + BrokenStreamServer.NO_END,
            "gemini, gemini-2.0-flash, " + BrokenStreamServer.MALFORMED,
            "gemini, gemini-2.0-flash, " + BrokenStreamServer.ERROR_EVENT,
            "gemini, gemini-2.0-flash, " + BrokenStreamServer.STALL,
            "ollama, llama3.2:3b, " + BrokenStreamServer.RESET,
            "ollama, llama3.2:3b, " + BrokenStreamServer.NO_END,
            "ollama, llama3.2:3b, " + BrokenStreamServer.MALFORMED,
            "ollama, llama3.2:3b, " + BrokenStreamServer.ERROR_EVENT,
            "ollama, llama3.2:3b, " + BrokenStreamServer.STALL,
    })
    void aStreamBrokenAfterItsContentEndsWithAnErrorAndIsCountedAsCut(String provider, String model, String breakage) {
        List<Attempt> steps = handle(provider, model, breakage);

        List<CompletionReply> replies = steps.stream().map(Attempt::reply).toList();
        assertThat(replies).as("the content went out before the break").anyMatch(reply -> reply.chunk() != null
                && BrokenStreamServer.CONTENT.equals(reply.chunk().at("/choices/0/delta/content").asText()));
        CompletionReply end = replies.get(replies.size() - 1);
        assertThat(end.last()).isTrue();
        assertThat(end.error()).as("the stream ends with an error, never silently").isNotNull();
        assertThat(end.error().errorClass()).isNotEqualTo(ErrorClass.STREAM_CUT);

        UsageEvent usage = steps.get(steps.size() - 1).usage();
        assertThat(usage.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(usage.errorClass()).isEqualTo(ErrorClass.STREAM_CUT);
        assertThat(usage.errorMessage()).startsWith("stream cut after").contains(end.error().message());
        assertThat(usage.inputTokens()).as("the prompt was paid for").isPositive();
        assertThat(usage.outputTokens()).as("the tokens streamed so far").isPositive();
        if (breakage.equals(BrokenStreamServer.STALL)) {
            assertThat(end.error().message()).contains("sent nothing for");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "openai, gpt-4o-mini", "ollama, llama3.2:3b" })
    void tokensStreamedWithoutTheProvidersCountAreEstimatedFromTheText(String provider, String model) {
        List<Attempt> steps = handle(provider, model, BrokenStreamServer.RESET);

        UsageEvent usage = steps.get(steps.size() - 1).usage();
        // "Hello there" is 11 characters: three tokens at four characters a token.
        assertThat(usage.outputTokens()).isEqualTo(3);
        // The prompt: "break-reset, please" (19 characters) and "be brief" (8): seven tokens.
        assertThat(usage.inputTokens()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "openai, gpt-4o-mini", "anthropic, claude-3-5-haiku-latest", "gemini, gemini-2.0-flash",
            "ollama, llama3.2:3b" })
    void aStreamThatFailsBeforeAnyContentKeepsItsClass(String provider, String model) {
        List<Attempt> steps = handle(provider, model, BrokenStreamServer.FAIL_AT_ONCE);

        UsageEvent usage = steps.get(steps.size() - 1).usage();
        assertThat(usage.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR);
        assertThat(usage.outputTokens()).isZero();
    }

    private List<Attempt> handle(String provider, String model, String breakage) {
        ObjectNode body = mapper.createObjectNode().put("model", provider + "/" + model).put("stream", true)
                .put("max_tokens", 50);
        body.putArray("messages")
                .add(mapper.createObjectNode().put("role", "system").put("content", "be brief"))
                .add(mapper.createObjectNode().put("role", "user").put("content", breakage + ", please"));
        CompletionRequest request = new CompletionRequest("req-" + UUID.randomUUID(), 1, provider, model,
                System.currentTimeMillis() + 30_000, "key-test", body);
        return service.handle(request, Arrival.none()).collect().asList().await().atMost(WAIT);
    }
}
