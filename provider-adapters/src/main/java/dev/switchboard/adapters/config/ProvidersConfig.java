package dev.switchboard.adapters.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every provider's settings. Each provider is named explicitly, so that environment variables such as
 * {@code SWITCHBOARD_PROVIDERS_AZURE_OPENAI_API_KEY} map to exactly one setting.
 */
@ConfigMapping(prefix = "switchboard.providers")
public interface ProvidersConfig {

    ProviderSettings openai();

    @WithName("azure-openai")
    AzureSettings azureOpenai();

    ProviderSettings anthropic();

    ProviderSettings gemini();

    ProviderSettings ollama();

    ProviderSettings groq();

    ProviderSettings openrouter();

    ProviderSettings deepseek();

    ProviderSettings mistral();

    ProviderSettings together();

    @WithName("openai-compatible")
    ProviderSettings openaiCompatible();

    MockSettings mock();

    /** Settings by provider name, for code that handles providers generically. */
    default Map<String, ProviderSettings> byName() {
        return Map.ofEntries(
                Map.entry("openai", openai()),
                Map.entry("azure-openai", azureOpenai()),
                Map.entry("anthropic", anthropic()),
                Map.entry("gemini", gemini()),
                Map.entry("ollama", ollama()),
                Map.entry("groq", groq()),
                Map.entry("openrouter", openrouter()),
                Map.entry("deepseek", deepseek()),
                Map.entry("mistral", mistral()),
                Map.entry("together", together()),
                Map.entry("openai-compatible", openaiCompatible()));
    }

    /** Azure OpenAI adds the API version to every call. */
    interface AzureSettings extends ProviderSettings {

        @WithDefault("2024-10-21")
        String apiVersion();
    }

    /** The built-in mock provider. */
    interface MockSettings {

        /** Added before every answer, to stand in for a real provider's latency. */
        @WithDefault("0s")
        Duration latency();

        /** Delay between streamed chunks. */
        @WithDefault("0s")
        Duration chunkDelay();
    }
}
