package dev.switchboard.contracts;

import java.util.List;
import java.util.Set;

/** The provider names Switchboard knows; each has its own request topic. */
public final class Providers {

    public static final String MOCK = "mock";

    public static final List<String> KNOWN = List.of(MOCK, "openai", "azure-openai", "anthropic", "gemini", "ollama", "groq",
            "openrouter", "deepseek", "mistral", "together", "openai-compatible");

    /** Providers that run on the caller's own hardware rather than in a vendor's cloud. */
    public static final Set<String> LOCAL = Set.of(MOCK, "ollama", "openai-compatible");

    private Providers() {
    }

    public static boolean isKnown(String provider) {
        return KNOWN.contains(provider);
    }
}
