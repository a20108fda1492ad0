package dev.switchboard.router.rest.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Responses event sequence a chat stream turns into, at its ends: complete, cut by the length limit, broken. */
class ChatStreamToResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aStreamCutByTheLengthLimitEndsInResponseIncomplete() throws Exception {
        List<ObjectNode> events = stream("length");

        assertThat(types(events)).startsWith("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta")
                .endsWith("response.output_text.done", "response.content_part.done", "response.output_item.done",
                        "response.incomplete")
                .doesNotContain("response.completed");
        ObjectNode response = (ObjectNode) events.get(events.size() - 1).get("response");
        assertThat(response.path("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("cut sho");
        assertThat(response.at("/usage/output_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void aStreamThatStopsEndsInResponseCompletedAndABrokenOneInResponseFailed() throws Exception {
        List<ObjectNode> completed = stream("stop");
        assertThat(types(completed)).endsWith("response.completed").doesNotContain("response.incomplete");
        assertThat(completed.get(completed.size() - 1).at("/response/status").asText()).isEqualTo("completed");

        ChatStreamToResponses broken = translator();
        broken.chunk(chunk("{\"content\":\"half\"}", null));
        List<ObjectNode> failed = broken.failed("stream_cut", "the provider went away");
        assertThat(types(failed)).endsWith("response.output_item.done", "response.failed");
        assertThat(failed.get(failed.size() - 1).at("/response/error/code").asText()).isEqualTo("stream_cut");
    }

    private List<ObjectNode> stream(String finishReason) throws Exception {
        ChatStreamToResponses translator = translator();
        List<ObjectNode> events = new ArrayList<>();
        events.addAll(translator.chunk(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null)));
        events.addAll(translator.chunk(chunk("{\"content\":\"cut \"}", null)));
        events.addAll(translator.chunk(chunk("{\"content\":\"sho\"}", finishReason)));
        ObjectNode usage = (ObjectNode) mapper.readTree(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}");
        events.addAll(translator.chunk(usage));
        events.addAll(translator.end());
        return events;
    }

    private ChatStreamToResponses translator() throws Exception {
        ObjectNode request = (ObjectNode) mapper.readTree("{\"model\":\"mock/echo\",\"input\":\"hi\",\"max_output_tokens\":2}");
        return new ChatStreamToResponses(mapper, ResponseIds.of("req_0123456789abcdef"), request, "mock/echo");
    }

    private ObjectNode chunk(String delta, String finishReason) throws Exception {
        return (ObjectNode) mapper.readTree("{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"finish_reason\":" + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}");
    }

    private static List<String> types(List<ObjectNode> events) {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }
}
