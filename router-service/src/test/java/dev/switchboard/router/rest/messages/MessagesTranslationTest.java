package dev.switchboard.router.rest.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.service.pipeline.AttemptBody;

/** The Messages door's translations to chat and back, one shape at a time. */
class MessagesTranslationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void toolUseAndToolResultsBecomeChatToolCallsAndToolMessages() throws Exception {
        AttemptBody chat = MessagesToChat.translate(body("""
                {"model":"openai/gpt-4o-mini","max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
                 "tools":[{"name":"get_tide","description":"Tides","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},"top_k":5,
                 "messages":[{"role":"user","content":"Tide at Brest?"},
                   {"role":"assistant","content":[{"type":"text","text":"Looking."},
                     {"type":"tool_use","id":"toolu_1","name":"get_tide","input":{"port":"Brest"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"14:05"},
                     {"type":"text","text":"Thanks"}]}]}"""), mapper);

        assertThat(chat.operation()).isEqualTo(Operation.CHAT);
        assertThat(chat.body().path("messages")).isEqualTo(mapper.readTree("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"Tide at Brest?"},
                 {"role":"assistant","content":"Looking.","tool_calls":[{"id":"toolu_1","type":"function",
                   "function":{"name":"get_tide","arguments":"{\\"port\\":\\"Brest\\"}"}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"14:05"},{"role":"user","content":"Thanks"}]"""));
        assertThat(chat.body().path("tools")).isEqualTo(mapper.readTree("""
                [{"type":"function","function":{"name":"get_tide","description":"Tides",
                  "parameters":{"type":"object"}}}]"""));
        assertThat(chat.body().path("tool_choice").asText()).isEqualTo("required");
        assertThat(chat.body().path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(chat.droppedParameters()).containsExactly("top_k");
        assertThat(chat.droppedContent()).isEmpty();
    }

    @Test
    void aServerToolOnlyAnthropicRunsCannotBeTranslated() {
        assertThatThrownBy(() -> MessagesToChat.translate(body("""
                {"model":"x","max_tokens":1,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search"}]}"""), mapper))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("tools: the tool 'web_search' (web_search_20250305)");
    }

    @Test
    void aChatAnswerWithReasoningAndAToolCallBecomesAMessage() {
        ObjectNode message = ChatToMessages.message(body("""
                {"id":"c","object":"chat.completion","choices":[{"index":0,"finish_reason":"tool_calls",
                  "message":{"role":"assistant","reasoning_content":"Need the table.","content":"Checking.",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_tide",
                     "arguments":"{\\"port\\":\\"Brest\\"}"}}]}}],
                 "usage":{"prompt_tokens":30,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":10}}}"""),
                "msg_1", "ollama/qwen3", "ollama", mapper);

        assertThat(message.path("content")).hasSize(3);
        assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(message.at("/content/0/signature").asText()).isEqualTo("switchboard.ollama");
        assertThat(message.at("/content/1/text").asText()).isEqualTo("Checking.");
        assertThat(message.at("/content/2/input/port").asText()).isEqualTo("Brest");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/usage/input_tokens").asLong()).isEqualTo(20);
        assertThat(message.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(message.at("/usage/output_tokens").asLong()).isEqualTo(9);
    }

    @Test
    void cacheWritesInChatUsageAreAnthropicsCacheCreationTokens() {
        ObjectNode usage = ChatToMessages.usage(body("""
                {"prompt_tokens":100,"completion_tokens":9,
                 "prompt_tokens_details":{"cached_tokens":10,"cache_write_tokens":60,"cache_write_1h_tokens":40}}"""),
                mapper);

        assertThat(usage.path("input_tokens").asLong()).isEqualTo(30);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(60);
        assertThat(usage.at("/cache_creation/ephemeral_5m_input_tokens").asLong()).isEqualTo(20);
        assertThat(usage.at("/cache_creation/ephemeral_1h_input_tokens").asLong()).isEqualTo(40);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(9);
    }

    @Test
    void aStreamedToolCallOpensItsOwnBlockAndReasoningIsSignedAsForeign() {
        var translation = new ChatStreamToMessages(mapper, "msg_1", "ollama/qwen3", "ollama");
        List<JsonNode> events = new ArrayList<>();
        events.addAll(translation.chunk(body("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Hm\"}}]}")));
        events.addAll(translation.chunk(body("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ok\"}}]}")));
        events.addAll(translation.chunk(body("""
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function",
                  "function":{"name":"get_tide","arguments":""}}]}}]}""")));
        events.addAll(translation.chunk(body("""
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"port\\":1}"}}]},
                  "finish_reason":"tool_calls"}]}""")));
        events.addAll(translation.chunk(body("{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}")));
        events.addAll(translation.end());

        assertThat(events).extracting(event -> event.path("type").asText() + event.at("/delta/type").asText(""))
                .containsExactly("message_start", "content_block_start", "content_block_deltathinking_delta",
                        "content_block_deltasignature_delta", "content_block_stop", "content_block_start",
                        "content_block_deltatext_delta", "content_block_stop", "content_block_start",
                        "content_block_deltainput_json_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(3).at("/delta/signature").asText()).isEqualTo("switchboard.ollama");
        assertThat(events.get(8).at("/content_block/name").asText()).isEqualTo("get_tide");
        assertThat(events.get(8).path("index").asInt()).isEqualTo(2);
        assertThat(events.get(11).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(events.get(11).at("/usage/output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void foreignThinkingIsLeftOutForAnthropicAndThinkingTurnedOffWhenTheLastTurnLosesIt() {
        List<String> stripped = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        ObjectNode original = body("""
                {"model":"anthropic/claude","max_tokens":9,"thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"a"},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"switchboard.gemini"},
                     {"type":"text","text":"b"}]},{"role":"user","content":"c"}]}""");

        ObjectNode sent = MessagesBlocks.forAnthropic(original, stripped, dropped);

        assertThat(sent.at("/messages/1/content")).hasSize(1);
        assertThat(sent.has("thinking")).isFalse();
        assertThat(stripped).containsExactly("thinking");
        assertThat(dropped).containsExactly("thinking");
        assertThat(original.at("/messages/1/content")).as("the caller's body is left as it came").hasSize(2);
    }

    private ObjectNode body(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
