package dev.switchboard.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.switchboard.e2e.ProviderStubs.Provider;

/**
 * {@code /v1/messages} through the whole stack, driven by the official Anthropic Java SDK: natively to Anthropic,
 * translated to chat for OpenAI, Gemini and Ollama; each case (plain, streamed, a tool round trip, {@code countTokens})
 * against each of the four, and Azure OpenAI plain and streamed.
 */
@ExtendWith(SharedStack.class)
class MessagesIT {

    private static WireMockServer openAiStub;
    private static WireMockServer nativeStub;
    private static AnthropicClient client;

    @BeforeAll
    static void stub() {
        openAiStub = SharedStack.openAi();
        nativeStub = SharedStack.providers();
        ProviderStubs.stubOpenAiChat(openAiStub);
        ProviderStubs.stubNativeProviders(nativeStub);
        ProviderStubs.stubAzureChat(openAiStub, SharedStack.AZURE_KEY);
        client = AnthropicOkHttpClient.builder().baseUrl(SharedStack.router()).apiKey(SharedStack.API_KEY).build();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void everyProviderAnswersAMessagesCall(Provider provider) {
        Message message = client.messages().create(hello(provider.model));

        assertThat(text(message)).isEqualTo(provider.answer);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        WireMockServer stub = provider == Provider.OPENAI ? openAiStub : nativeStub;
        stub.verify(postRequestedFor(urlEqualTo(ProviderStubs.plainPath(provider))).withRequestBody(containing("be brief")));
    }

    @Test
    void anthropicGetsTheSystemPromptAndVersionAsSentAndOpenAiAsASystemMessage() {
        client.messages().create(hello(Provider.ANTHROPIC.model));
        client.messages().create(hello(Provider.OPENAI.model));

        nativeStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-version", matching("\\d{4}-\\d{2}-\\d{2}"))
                .withRequestBody(matchingJsonPath("$.system", equalTo("be brief"))));
        openAiStub.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system"))));
    }

    @Test
    void unknownFieldsAndBetaFlagsReachAnthropicUnchanged() {
        Message message = client.messages().create(hello(Provider.ANTHROPIC.model).toBuilder()
                .putAdditionalHeader("anthropic-beta", "time-travel-2099-01-01")
                .putAdditionalBodyProperty("chronology", JsonValue.from(Map.of("direction", "backwards")))
                .build());

        assertThat(text(message)).isEqualTo(Provider.ANTHROPIC.answer);
        nativeStub.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-beta", equalTo("time-travel-2099-01-01"))
                .withRequestBody(matchingJsonPath("$.chronology.direction", equalTo("backwards"))));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamsArriveAsAnthropicEvents(Provider provider) {
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(provider.model))) {
            List<RawMessageStreamEvent> events = stream.stream().toList();

            assertThat(events.get(0).messageStart()).isPresent();
            assertThat(events.get(events.size() - 1).messageStop()).isPresent();
            assertThat(events.stream().flatMap(event -> event.messageDelta().stream())
                    .flatMap(delta -> delta.delta().stopReason().stream())).containsExactly(StopReason.END_TURN);
            assertThat(events.stream()
                    .flatMap(event -> event.contentBlockDelta().stream())
                    .flatMap(delta -> delta.delta().text().stream())
                    .map(text -> text.text())
                    .collect(Collectors.joining())).isEqualTo(provider.streamed);
        }
    }

    /** Azure OpenAI gets the call translated to chat at its deployment's URL; its answer comes back as Anthropic's. */
    @Test
    void azureAnswersAMessagesCallPlainAndStreamed() {
        Message message = client.messages().create(hello(ProviderStubs.AZURE_MODEL));
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                .createStreaming(hello(ProviderStubs.AZURE_MODEL))) {
            events = stream.stream().toList();
        }

        assertThat(text(message)).isEqualTo(ProviderStubs.AZURE_ANSWER);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(events.get(0).messageStart()).isPresent();
        assertThat(events.get(events.size() - 1).messageStop()).isPresent();
        assertThat(events.stream()
                .flatMap(event -> event.contentBlockDelta().stream())
                .flatMap(delta -> delta.delta().text().stream())
                .map(text -> text.text())
                .collect(Collectors.joining())).isEqualTo(ProviderStubs.AZURE_STREAMED);
        openAiStub.verify(2, postRequestedFor(urlPathEqualTo("/openai/deployments/gpt-4o-mini/chat/completions"))
                .withHeader("api-key", equalTo(SharedStack.AZURE_KEY))
                .withoutHeader("Authorization")
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("be brief")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(containing("hello")));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aToolRoundTrip(Provider provider) {
        Tool tide = Tool.builder().name(ProviderStubs.TOOL).description("Tide times for a port")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("port", Map.of("type", "string")))).build())
                .build();
        MessageCreateParams question = MessageCreateParams.builder().model(provider.model).maxTokens(64)
                .addUserMessage("When is high tide in Brest?").addTool(tide).build();
        Message first = client.messages().create(question);

        ToolUseBlock call = first.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(call.name()).isEqualTo(ProviderStubs.TOOL);
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("port", "Brest"));
        assertThat(first.stopReason()).contains(StopReason.TOOL_USE);

        Message second = client.messages().create(question.toBuilder()
                .addMessage(first)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(call.id()).content(ProviderStubs.TOOL_OUTPUT).build())))
                .build());

        assertThat(text(second)).isEqualTo(ProviderStubs.AFTER_TOOL);
        WireMockServer stub = provider == Provider.OPENAI ? openAiStub : nativeStub;
        stub.verify(postRequestedFor(urlEqualTo(ProviderStubs.plainPath(provider)))
                .withRequestBody(containing("When is high tide in Brest?"))
                .withRequestBody(containing(ProviderStubs.TOOL))
                .withRequestBody(containing("Brest"))
                .withRequestBody(containing(ProviderStubs.TOOL_OUTPUT)));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void tokensAreCountedByAnthropicAndEstimatedForOthers(Provider provider) {
        HttpResponseFor<MessageTokensCount> counted = client.messages().withRawResponse().countTokens(
                MessageCountTokensParams.builder().model(provider.model).addUserMessage("How many tokens is this?").build());

        long tokens = counted.parse().inputTokens();
        if (provider == Provider.ANTHROPIC) {
            assertThat(tokens).isEqualTo(14);
            assertThat(counted.headers().values("X-Switchboard-Token-Count")).containsExactly("provider");
        } else {
            assertThat(tokens).isPositive();
            assertThat(counted.headers().values("X-Switchboard-Token-Count")).containsExactly("estimate");
        }
    }

    private static MessageCreateParams hello(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).system("be brief").addUserMessage("hello")
                .build();
    }

    private static String text(Message message) {
        return message.content().stream().flatMap(block -> block.text().stream()).map(text -> text.text())
                .collect(Collectors.joining());
    }
}
