package dev.switchboard.contracts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The provider names Switchboard knows; each has its own request topic. */
public final class Providers {

    public static final String MOCK = "mock";

    public static final List<String> KNOWN = List.of(MOCK, "openai", "azure-openai", "anthropic", "gemini", "ollama", "groq",
            "openrouter", "deepseek", "mistral", "together", "openai-compatible");

    /** Providers that run on the caller's own hardware rather than in a vendor's cloud. */
    public static final Set<String> LOCAL = Set.of(MOCK, "ollama", "openai-compatible");

    /**
     * The operations a provider serves in its own protocol beside chat, which every provider serves: a caller who
     * speaks that operation's dialect reaches such a provider with its body as sent; every other provider gets a
     * translation to chat (see the README's translation rule).
     */
    private static final Map<String, Set<Operation>> NATIVE = Map.of(
            "anthropic", Set.of(Operation.MESSAGES, Operation.COUNT_TOKENS),
            "openai", Set.of(Operation.RESPONSES),
            "azure-openai", Set.of(Operation.RESPONSES));

    /**
     * The OpenTelemetry GenAI {@code gen_ai.provider.name} of the providers the conventions name; any other provider
     * is named as Switchboard names it.
     */
    private static final Map<String, String> GEN_AI_NAMES = Map.of("openai", "openai", "azure-openai", "azure.ai.openai",
            "anthropic", "anthropic", "gemini", "gcp.gemini", "groq", "groq", "deepseek", "deepseek", "mistral",
            "mistral_ai");

    private Providers() {
    }

    /** Whether the provider serves the operation in its own protocol, so a body of that operation passes through. */
    public static boolean speaksNatively(String provider, Operation operation) {
        return operation == Operation.CHAT || NATIVE.getOrDefault(provider, Set.of()).contains(operation);
    }

    /** The provider's {@code gen_ai.provider.name} in the OpenTelemetry GenAI semantic conventions. */
    public static String genAiName(String provider) {
        return GEN_AI_NAMES.getOrDefault(provider, provider);
    }

    public static boolean isKnown(String provider) {
        return KNOWN.contains(provider);
    }
}
