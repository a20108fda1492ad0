package dev.switchboard.adapters.client.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.fixture;
import static dev.switchboard.adapters.client.ProviderTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.smallrye.mutiny.Uni;

import dev.switchboard.adapters.client.Endpoint;
import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderResponse;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.adapters.client.TokenUsage;
import dev.switchboard.contracts.CompletionRequest;
import dev.switchboard.contracts.ErrorClass;

class GeminiClientTest {

    private static final String KEY = "AIzaSyTest0123456789abcdefghijklmnopqrs";
    private static final String MODEL = "gemini-2.5-flash";
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
    private static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_current_weather","description":"Current weather in a city",
             "strict":true,"parameters":{"type":"object","properties":{"location":{"type":"string"},
             "unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"],
             "additionalProperties":false}}}""";
    private static final String HELLO = """
            {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"hello"}]}""";

    private final ProviderTestSupport stub = new ProviderTestSupport();

    @AfterEach
    void close() {
        stub.close();
    }

    @Test
    void plainTextMovesSystemMessagesAndSamplingAndReadsUsage() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/generate-content.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":"hello"},
                  {"role":"assistant","content":"Hi!"},
                  {"role":"developer","content":[{"type":"text","text":"answer in French"}]},
                  {"role":"user","content":[{"type":"text","text":"tell me about"},{"type":"text","text":"Lyon"}]}],
                 "temperature":0.3,"top_p":0.9,"max_tokens":50,"max_completion_tokens":200,"stop":"END","n":1,
                 "seed":7,"presence_penalty":0.5,"frequency_penalty":0.25,"user":"u-42","logprobs":false,
                 "models":["gemini/gemini-2.5-flash","mock/echo"]}""";

        ProviderResponse response = client().complete(request(body)).await().atMost(WAIT);

        JsonNode sent = sentBody();
        assertThat(sent.at("/systemInstruction/parts")).isEqualTo(json("""
                [{"text":"be brief"},{"text":"answer in French"}]"""));
        assertThat(sent.get("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"hello"}]},{"role":"model","parts":[{"text":"Hi!"}]},
                 {"role":"user","parts":[{"text":"tell me about"},{"text":"Lyon"}]}]"""));
        assertThat(sent.get("generationConfig")).isEqualTo(json("""
                {"temperature":0.3,"topP":0.9,"maxOutputTokens":200,"candidateCount":1,"seed":7,
                 "presencePenalty":0.5,"frequencyPenalty":0.25,"stopSequences":["END"]}"""));
        assertThat(sent.has("tools")).isFalse();
        stub.server().verify(postRequestedFor(urlPathEqualTo(GENERATE))
                .withHeader("x-goog-api-key", equalTo(KEY))
                .withQueryParam("key", absent()));
        JsonNode completion = response.completion();
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(completion.at("/choices/0/message/content").asText())
                .isEqualTo("Bonjour! What would you like to know about Lyon?");
        assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asLong()).isEqualTo(47);
        assertThat(TokenUsage.of(completion.get("usage"))).isEqualTo(new TokenUsage(12, 35, 4, 24, 0, 0));
        assertThat(response.droppedParameters()).containsExactly("user");
    }

    @Test
    void toolCallsComeBackWithUniqueIdsJsonArgumentsAndTheThoughtSignature() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/function-call.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"Weather in Lyon and Porto?"}],
                 "tools":[%s],"tool_choice":"required","parallel_tool_calls":true}""".formatted(WEATHER_TOOL);

        ProviderResponse response = client().complete(request(body)).await().atMost(WAIT);

        JsonNode sent = sentBody();
        JsonNode declaration = sent.at("/tools/0/functionDeclarations/0");
        assertThat(declaration.path("name").asText()).isEqualTo("get_current_weather");
        assertThat(declaration.path("description").asText()).isEqualTo("Current weather in a city");
        assertThat(declaration.path("parametersJsonSchema")).isEqualTo(json(WEATHER_TOOL).at("/function/parameters"));
        assertThat(sent.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(response.droppedParameters()).isEmpty();
        JsonNode choice = response.completion().at("/choices/0");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/content").isNull()).isTrue();
        JsonNode calls = choice.at("/message/tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("id").asText()).startsWith("call_").isNotEqualTo(calls.get(1).path("id").asText());
        assertThat(calls.get(0).path("type").asText()).isEqualTo("function");
        assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("get_current_weather");
        assertThat(json(calls.get(1).at("/function/arguments").asText()))
                .isEqualTo(json("{\"location\":\"Porto\",\"unit\":\"celsius\"}"));
        assertThat(calls.get(0).at("/extra_content/google/thought_signature").asText())
                .isEqualTo("CpwBAbZq0Gx4test+signature+one==");
        assertThat(calls.get(1).has("extra_content")).isFalse();
    }

    @Test
    void toolResultsGoBackAsFunctionResponsesNamedAfterTheirCalls() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/function-call.json"))));
        String question = """
                {"role":"user","content":"Weather in Lyon and Porto?"}""";
        ProviderResponse first = client().complete(request("""
                {"model":"gemini/gemini-2.5-flash","messages":[%s],"tools":[%s]}""".formatted(question, WEATHER_TOOL)))
                .await().atMost(WAIT);
        JsonNode assistant = first.completion().at("/choices/0/message");
        JsonNode calls = assistant.get("tool_calls");
        stub.server().resetAll();
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/after-tool-result.json"))));
        String followUp = """
                {"model":"gemini/gemini-2.5-flash","tools":[%s],"messages":[%s,%s,
                  {"role":"tool","tool_call_id":"%s","content":"{\\"temperature\\":14,\\"sky\\":\\"cloudy\\"}"},
                  {"role":"tool","tool_call_id":"%s","content":"19 °C, sunny"}]}"""
                .formatted(WEATHER_TOOL, question, assistant, calls.get(0).path("id").asText(),
                        calls.get(1).path("id").asText());

        ProviderResponse second = client().complete(request(followUp)).await().atMost(WAIT);

        JsonNode contents = sentBody().get("contents");
        assertThat(contents).hasSize(3);
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        assertThat(contents.at("/1/parts/0")).isEqualTo(json("""
                {"functionCall":{"name":"get_current_weather","args":{"location":"Lyon","unit":"celsius"}},
                 "thoughtSignature":"CpwBAbZq0Gx4test+signature+one=="}"""));
        assertThat(contents.at("/1/parts/1")).isEqualTo(json("""
                {"functionCall":{"name":"get_current_weather","args":{"location":"Porto","unit":"celsius"}}}"""));
        assertThat(contents.at("/2")).isEqualTo(json("""
                {"role":"user","parts":[
                  {"functionResponse":{"name":"get_current_weather","response":{"temperature":14,"sky":"cloudy"}}},
                  {"functionResponse":{"name":"get_current_weather","response":{"output":"19 °C, sunny"}}}]}"""));
        assertThat(second.completion().at("/choices/0/message/content").asText())
                .isEqualTo("It is 14 °C and cloudy in Lyon, and 19 °C and sunny in Porto.");
        assertThat(second.completion().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void aToolCallWithoutItsSignatureGetsTheDocumentedStandIn() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/after-tool-result.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","tools":[%s],"messages":[
                  {"role":"user","content":"Weather in Lyon?"},
                  {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"call_from_elsewhere",
                    "type":"function","function":{"name":"get_current_weather","arguments":"{\\"location\\":\\"Lyon\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_from_elsewhere","content":"14 °C"}]}""".formatted(WEATHER_TOOL);

        client().complete(request(body)).await().atMost(WAIT);

        JsonNode model = sentBody().at("/contents/1");
        assertThat(model.at("/parts/0/text").asText()).isEqualTo("Let me check.");
        assertThat(model.at("/parts/1/thoughtSignature").asText()).isEqualTo(GeminiMessages.SKIP_SIGNATURE);
        assertThat(sentBody().at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("get_current_weather");
    }

    @Test
    void aToolResultForAnUnknownCallIsRefusedBeforeCallingGemini() {
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"hi"},
                  {"role":"tool","tool_call_id":"call_nowhere","content":"42"}]}""";

        assertRefused(client().complete(request(body)), "call_nowhere");
    }

    @Test
    void imagesGoInlineFromDataUrlsAndByReferenceFromWebUrls() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/generate-content.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare these two pictures."},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/photos/fourviere.JPG?size=large"}}]}]}""";

        client().complete(request(body)).await().atMost(WAIT);

        assertThat(sentBody().at("/contents/0/parts")).isEqualTo(json("""
                [{"text":"Compare these two pictures."},
                 {"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}},
                 {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/photos/fourviere.JPG?size=large"}}]"""));
    }

    @Test
    void aWebImageOfUnknownTypeIsRefused() {
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"https://example.com/render?id=12"}}]}]}""";

        assertRefused(client().complete(request(body)), "data URL");
    }

    @Test
    void jsonObjectModeAsksForJson() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/json-answer.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"Lyon as JSON"}],
                 "response_format":{"type":"json_object"}}""";

        ProviderResponse response = client().complete(request(body)).await().atMost(WAIT);

        assertThat(sentBody().get("generationConfig")).isEqualTo(json("{\"responseMimeType\":\"application/json\"}"));
        assertThat(json(response.completion().at("/choices/0/message/content").asText()).path("river_count").asInt())
                .isEqualTo(2);
        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void jsonSchemaModeSendsTheSchemaAsJsonSchema() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/json-answer.json"))));
        String schema = """
                {"type":"object","properties":{"city":{"type":"string"},"river_count":{"type":"integer"}},
                 "required":["city","river_count"],"additionalProperties":false}""";
        String body = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"Lyon as JSON"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,"schema":%s}}}"""
                .formatted(schema);

        client().complete(request(body)).await().atMost(WAIT);

        assertThat(sentBody().at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(sentBody().at("/generationConfig/responseJsonSchema")).isEqualTo(json(schema));
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
            "429, gemini/error-rate-limit.json, RATE_LIMITED, You exceeded your current quota",
            "400, gemini/error-invalid-argument.json, BAD_REQUEST, Invalid value at 'generation_config.temperature'",
            "400, gemini/error-context-length.json, CONTEXT_LENGTH, The input token count (1204518)",
            "403, gemini/error-permission-denied.json, AUTH, Method doesn't allow unregistered callers",
            "404, gemini/error-not-found.json, MODEL_NOT_FOUND, models/gemini-0.9-ultra is not found",
            "500, gemini/error-internal.json, SERVER_ERROR, An internal error has occurred",
            "503, gemini/error-unavailable.json, OVERLOADED, The model is overloaded",
            "504, gemini/error-deadline.json, TIMEOUT, Deadline expired" })
    void geminiErrorsAreClassified(int status, String body, ErrorClass expected, String message) {
        stub.server().stubFor(post(GENERATE).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(fixture(body))));

        var call = client().complete(request(HELLO));

        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(expected);
            assertThat(e.error().providerStatus()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith("gemini answered " + status + ": " + message).doesNotContain(KEY);
            assertThat(e.error().retryAfterMs()).isEqualTo(expected == ErrorClass.RATE_LIMITED ? 27_000L : null);
        });
    }

    @Test
    void aBlockedPromptIsAContentFilterError() {
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/prompt-blocked.json"))));

        var call = client().complete(request(HELLO));

        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.CONTENT_FILTER);
            assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
        });
    }

    @ParameterizedTest
    @CsvSource({ "STOP, stop", "MAX_TOKENS, length", "SAFETY, content_filter", "RECITATION, content_filter",
            "BLOCKLIST, content_filter", "PROHIBITED_CONTENT, content_filter", "SPII, content_filter",
            "OTHER, stop" })
    void finishReasonsAreTranslated(String geminiReason, String openAiReason) {
        stub.server().stubFor(post(GENERATE).willReturn(okJson("""
                {"candidates":[{"content":{"parts":[{"text":"…"}],"role":"model"},"finishReason":"%s","index":0}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"totalTokenCount":4}}"""
                .formatted(geminiReason))));

        ProviderResponse response = client().complete(request(HELLO)).await().atMost(WAIT);

        assertThat(response.completion().at("/choices/0/finish_reason").asText()).isEqualTo(openAiReason);
    }

    @Test
    void streamTranslatesEventsIntoChunksAndEndsWithUsage() {
        stub.server().stubFor(post(urlPathEqualTo(STREAM)).willReturn(sse(fixture("gemini/stream.sse"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Lyon's rivers?"}]}""";

        List<ObjectNode> chunks = client().stream(request(body)).collect().asList().await().atMost(WAIT);

        stub.server().verify(postRequestedFor(urlPathEqualTo(STREAM))
                .withQueryParam("alt", equalTo("sse"))
                .withQueryParam("key", absent())
                .withHeader("x-goog-api-key", equalTo(KEY)));
        assertThat(sentBody().has("stream")).as("Gemini streams by endpoint, not by a body field").isFalse();
        assertThat(chunks).hasSize(6);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo("chatcmpl-s7zHaa2xBpqInsEPmNaDmQ4");
        });
        assertThat(chunks.get(0).at("/choices/0/delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
        assertThat(chunks.subList(1, 4)).extracting(chunk -> chunk.at("/choices/0/delta/content").asText())
                .containsExactly("Two rivers", " meet in Lyon:", " the Rhône and the Saône.");
        assertThat(chunks.get(3).at("/choices/0/finish_reason").isNull()).isTrue();
        assertThat(chunks.get(4).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(5).get("choices")).isEmpty();
        assertThat(TokenUsage.of(chunks.get(5).get("usage"))).isEqualTo(new TokenUsage(8, 33, 0, 19, 0, 0));
    }

    @Test
    void streamedFunctionCallsBecomeToolCallDeltas() {
        stub.server().stubFor(post(urlPathEqualTo(STREAM)).willReturn(sse(fixture("gemini/stream-function-call.sse"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","stream":true,"tools":[%s],
                 "messages":[{"role":"user","content":"Weather in Lyon?"}]}""".formatted(WEATHER_TOOL);

        List<ObjectNode> chunks = client().stream(request(body)).collect().asList().await().atMost(WAIT);

        assertThat(chunks).hasSize(4);
        JsonNode call = chunks.get(1).at("/choices/0/delta/tool_calls/0");
        assertThat(call.path("index").asInt()).isZero();
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_current_weather");
        assertThat(json(call.at("/function/arguments").asText())).isEqualTo(json("""
                {"location":"Lyon","unit":"celsius"}"""));
        assertThat(call.at("/extra_content/google/thought_signature").asText())
                .isEqualTo("CpwBAbZq0Gx4test+signature+two==");
        assertThat(chunks.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(TokenUsage.of(chunks.get(3).get("usage"))).isEqualTo(new TokenUsage(71, 69, 0, 51, 0, 0));
    }

    @Test
    void streamCutBeforeAFinishReasonIsAnError() {
        stub.server().stubFor(post(urlPathEqualTo(STREAM)).willReturn(sse(fixture("gemini/stream-cut.sse"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client().stream(request(body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.NETWORK);
                    assertThat(e.getMessage()).contains("before it was complete");
                });
    }

    @Test
    void aStreamForABlockedPromptIsAContentFilterError() {
        stub.server().stubFor(post(urlPathEqualTo(STREAM)).willReturn(sse(fixture("gemini/stream-prompt-blocked.sse"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client().stream(request(body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.CONTENT_FILTER);
                    assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
                });
    }

    @Test
    void streamRefusedUpFrontIsClassifiedLikeAnAnswer() {
        stub.server().stubFor(post(urlPathEqualTo(STREAM)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(fixture("gemini/error-rate-limit.json"))));
        String body = """
                {"model":"gemini/gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        var chunks = client().stream(request(body));

        assertThatThrownBy(() -> chunks.collect().asList().await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.error().errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
                    assertThat(e.error().retryAfterMs()).isEqualTo(27_000L);
                });
    }

    @Test
    void modelsFollowThePageTokenKeepTheListedLimitsMarkEmbeddingModelsAndLeaveOutTheRest() {
        stub.server().stubFor(get(urlPathEqualTo("/v1beta/models")).willReturn(okJson(fixture("gemini/models-page-1.json"))));
        stub.server().stubFor(get(urlPathEqualTo("/v1beta/models"))
                .withQueryParam("pageToken", equalTo("Ch1tb2RlbHMvZ2VtaW5pLWVtYmVkZGluZy0wMDE="))
                .willReturn(okJson(fixture("gemini/models-page-2.json"))));

        List<ListedModel> models = client().models().await().atMost(WAIT);

        assertThat(models).extracting(ListedModel::id).containsExactly("gemini-2.5-flash", "gemini-embedding-001",
                "gemini-2.5-pro", "gemini-1.5-flash", "text-embedding-004");
        assertThat(models.get(3)).isEqualTo(new ListedModel("gemini-1.5-flash", "Gemini 1.5 Flash",
                "Fast and versatile multimodal model for scaling across diverse tasks", 1_048_576, 8_192, null, null, null));
        assertThat(models.get(1)).isEqualTo(new ListedModel("gemini-embedding-001", "Gemini Embedding 001", null, 2_048, 1,
                null, null, null, ListedModel.EMBEDDINGS));
        assertThat(models).filteredOn(model -> ListedModel.EMBEDDINGS.equals(model.kind())).extracting(ListedModel::id)
                .containsExactly("gemini-embedding-001", "text-embedding-004");
        stub.server().verify(2, getRequestedFor(urlPathEqualTo("/v1beta/models"))
                .withHeader("x-goog-api-key", equalTo(KEY))
                .withQueryParam("key", absent()));
    }

    @Test
    void parametersGeminiCannotHonourAreRefusedOrReported() {
        String legacy = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],
                 "functions":[{"name":"f","parameters":{"type":"object"}}]}""";
        String audio = """
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],
                 "modalities":["text","audio"],"audio":{"voice":"alloy","format":"wav"}}""";

        assertRefused(client().complete(request(legacy)), "use tools");
        assertRefused(client().complete(request(audio)), "audio");
        stub.server().stubFor(post(GENERATE).willReturn(okJson(fixture("gemini/generate-content.json"))));
        ProviderResponse response = client().complete(request("""
                {"model":"gemini/gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],
                 "logprobs":true,"top_logprobs":3,"logit_bias":{"50256":-100},"reasoning_effort":"low","user":null}"""))
                .await().atMost(WAIT);
        assertThat(response.droppedParameters())
                .containsExactlyInAnyOrder("logprobs", "top_logprobs", "logit_bias", "reasoning_effort");
    }

    @Test
    void withoutAKeyTheProviderIsDisabled() {
        var noKey = new GeminiClient(new Endpoint("gemini", "https://generativelanguage.googleapis.com", null, WAIT,
                List.of()), stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);

        assertThat(noKey.disabledReason()).contains("switchboard.providers.gemini.api-key");
        assertThat(client().disabledReason()).isNull();
    }

    private GeminiClient client() {
        return new GeminiClient(new Endpoint("gemini", stub.baseUrl(), KEY, Duration.ofSeconds(5), List.of()),
                stub.http(), stub.classifier(), ProviderTestSupport.MAPPER);
    }

    private static CompletionRequest request(String body) {
        return ProviderTestSupport.request("gemini", MODEL, body);
    }

    private void assertRefused(Uni<ProviderResponse> call, String because) {
        assertThatThrownBy(() -> call.await().atMost(WAIT)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.error().errorClass()).isEqualTo(ErrorClass.BAD_REQUEST);
            assertThat(e.getMessage()).contains(because);
        });
        assertThat(stub.server().getAllServeEvents()).as("nothing is sent to Gemini").isEmpty();
    }

    private JsonNode sentBody() {
        return json(stub.server().getAllServeEvents().get(0).getRequest().getBodyAsString());
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }
}
