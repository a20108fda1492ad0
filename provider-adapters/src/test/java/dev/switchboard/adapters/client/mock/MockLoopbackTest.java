package dev.switchboard.adapters.client.mock;

import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.embeddingsRequest;
import static dev.switchboard.adapters.client.ProviderTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.adapters.client.ListedModel;
import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.contracts.ErrorClass;

/** {@code mock/loopback}: the echo's answers, over a real HTTP round trip through the OpenAI-compatible client. */
class MockLoopbackTest {

    private static final String CONVERSATION = "{\"model\":\"mock/%s\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"be brief\"},{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"x\"},"
            + "{\"role\":\"user\",\"content\":\"say hello world\"}],\"metadata\":{\"team\":\"a\"}}";

    private final ProviderTestSupport support = new ProviderTestSupport();
    private final MockProviderClient mock = MockClients.of(support);

    @AfterEach
    void stop() {
        mock.close();
        support.close();
    }

    @Test
    void answersAsTheEchoDoesButFromItsOwnServer() {
        JsonNode echo = mock.complete(request("mock", "echo", CONVERSATION.formatted("echo"))).await().atMost(WAIT)
                .completion();
        assertThat(mock.loopback.port()).as("no server before the first loopback call").isZero();

        JsonNode loopback = mock.complete(request("mock", "loopback", CONVERSATION.formatted("loopback")))
                .await().atMost(WAIT).completion();

        assertThat(mock.loopback.port()).isPositive();
        assertThat(loopback.path("id").asText()).as("the server's own id, not the request's")
                .startsWith("chatcmpl-loopback-");
        assertThat(loopback.path("object").asText()).isEqualTo("chat.completion");
        assertThat(loopback.path("model").asText()).isEqualTo("loopback");
        assertThat(loopback.at("/choices/0/message/content").asText()).isEqualTo("say hello world");
        assertThat(loopback.path("choices")).isEqualTo(echo.path("choices"));
        assertThat(loopback.path("usage").toString()).as("read back from JSON, so compared as text")
                .isEqualTo(echo.path("usage").toString());
        assertThat(loopback.at("/usage/prompt_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void streamsWordByWordWithTheUsageLast() {
        ObjectNode body = (ObjectNode) ProviderTestSupport.json(CONVERSATION.formatted("loopback"));
        body.put("stream", true);

        List<ObjectNode> chunks = mock.stream(request("mock", "loopback", body.toString())).collect().asList()
                .await().atMost(WAIT);

        assertThat(chunks).extracting(chunk -> chunk.path("object").asText()).containsOnly("chat.completion.chunk");
        assertThat(chunks).extracting(chunk -> chunk.path("id").asText()).containsOnly(chunks.get(0).path("id").asText());
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        String text = chunks.stream().map(chunk -> chunk.at("/choices/0/delta/content").asText(""))
                .reduce("", String::concat);
        assertThat(text).isEqualTo("say hello world");
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asLong()).isEqualTo(3);
    }

    @Test
    void listsItsModelsAndDoesNotEmbed() {
        assertThat(mock.models().await().atMost(WAIT)).extracting(ListedModel::id)
                .containsExactly("echo", "loopback", "embed");
        assertThatThrownBy(() -> mock.embed(embeddingsRequest("mock", "loopback",
                "{\"model\":\"mock/loopback\",\"input\":\"x\"}")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND));
    }

    @Test
    void theServerAnswersOtherCallsWithAnOpenAiError() throws Exception {
        mock.complete(request("mock", "loopback", CONVERSATION.formatted("loopback"))).await().atMost(WAIT);
        String base = "http://127.0.0.1:" + mock.loopback.port();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> other = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notJson = client.send(HttpRequest.newBuilder(URI.create(base + MockLoopback.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(ProviderTestSupport.json(other.body()).at("/error/message").asText()).contains(MockLoopback.PATH);
        assertThat(ProviderTestSupport.json(other.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ProviderTestSupport.json(notJson.body()).at("/error/type").asText())
                .isEqualTo("invalid_request_error");
    }
}
