package dev.switchboard.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a call asks for, which fixes the shape of a request's {@code body} and of the answer in its replies. A version 1
 * record names none: it is {@link #CHAT}.
 */
public enum Operation {
    /** OpenAI Chat Completions: a {@code chat.completion}, streamed as unnamed {@code chat.completion.chunk}s. */
    @JsonProperty("chat")
    CHAT(false),
    /** OpenAI Responses: a {@code response} object, streamed as named {@code response.*} events. */
    @JsonProperty("responses")
    RESPONSES(true),
    /** Anthropic Messages: a {@code message} object, streamed as named events ({@code message_start}, ...). */
    @JsonProperty("messages")
    MESSAGES(true),
    /** OpenAI Embeddings: a {@code list} of {@code embedding} objects; never streamed. */
    @JsonProperty("embeddings")
    EMBEDDINGS(false),
    /**
     * Anthropic's token count ({@code /v1/messages/count_tokens}): an {@code {"input_tokens": N}} object; never
     * streamed, and no tokens spent.
     */
    @JsonProperty("count_tokens")
    COUNT_TOKENS(false);

    private final boolean namedStreamEvents;

    Operation(boolean namedStreamEvents) {
        this.namedStreamEvents = namedStreamEvents;
    }

    /**
     * Whether this operation's stream names its server-sent events; each such event's JSON repeats its name in
     * {@code type}, which is what a {@link CompletionReply#eventType()} carries.
     */
    public boolean namedStreamEvents() {
        return namedStreamEvents;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The OpenTelemetry GenAI conventions' {@code gen_ai.operation.name}: a well-known value where one applies
     * ({@code embeddings}; {@code chat} for every conversational call, Responses and Messages included), the
     * operation's own name where none does ({@code count_tokens}).
     */
    public String genAiName() {
        return switch (this) {
            case EMBEDDINGS -> "embeddings";
            case COUNT_TOKENS -> "count_tokens";
            default -> "chat";
        };
    }

    /** The operation of this wire name, or null when the name is none of them. */
    public static Operation of(String wireName) {
        for (Operation operation : values()) {
            if (operation.wireName().equals(wireName)) {
                return operation;
            }
        }
        return null;
    }
}
