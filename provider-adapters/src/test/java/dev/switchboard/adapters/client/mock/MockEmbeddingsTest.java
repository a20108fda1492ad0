package dev.switchboard.adapters.client.mock;

import static dev.switchboard.adapters.client.ProviderTestSupport.WAIT;
import static dev.switchboard.adapters.client.ProviderTestSupport.embeddingsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.adapters.client.ProviderException;
import dev.switchboard.adapters.client.ProviderTestSupport;
import dev.switchboard.contracts.ErrorClass;

/** The mock provider's {@code mock/embed}: the same input always gets the same unit vector. */
class MockEmbeddingsTest {

    private final ProviderTestSupport support = new ProviderTestSupport();
    private final MockProviderClient mock = MockClients.of(support);

    @AfterEach
    void stop() {
        support.close();
    }

    @Test
    void sameInputSameVectorOtherInputOtherVector() {
        JsonNode first = embed("{\"model\":\"mock/embed\",\"input\":[\"alpha beta\",\"gamma\",\"alpha beta\"]}");
        JsonNode again = embed("{\"model\":\"mock/embed\",\"input\":\"alpha beta\"}");

        assertThat(first.path("data")).hasSize(3);
        assertThat(first.at("/data/0/embedding")).hasSize(16).isEqualTo(first.at("/data/2/embedding"))
                .isEqualTo(again.at("/data/0/embedding"));
        assertThat(first.at("/data/1/embedding")).isNotEqualTo(first.at("/data/0/embedding"));
        double norm = 0;
        for (JsonNode value : first.at("/data/1/embedding")) {
            norm += value.asDouble() * value.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(first.at("/usage/prompt_tokens").asLong()).as("words").isEqualTo(5);
    }

    @Test
    void dimensionsAndTokenArraysAreHonoured() {
        JsonNode list = embed("{\"model\":\"mock/embed\",\"input\":[[1,2,3],[4]],\"dimensions\":40}");

        assertThat(list.at("/data/0/embedding")).hasSize(40);
        assertThat(list.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(list.at("/usage/prompt_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void theChatModelDoesNotEmbed() {
        assertThatThrownBy(() -> mock.embed(embeddingsRequest("mock", "echo", "{\"model\":\"mock/echo\",\"input\":\"x\"}"))
                .await().atMost(WAIT))
                .isInstanceOfSatisfying(ProviderException.class,
                        failure -> assertThat(failure.error().errorClass()).isEqualTo(ErrorClass.MODEL_NOT_FOUND));
    }

    private JsonNode embed(String body) {
        return mock.embed(embeddingsRequest("mock", "embed", body)).await().atMost(WAIT).completion();
    }
}
