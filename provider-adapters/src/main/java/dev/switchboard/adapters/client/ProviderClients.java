package dev.switchboard.adapters.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.adapters.client.anthropic.AnthropicClient;
import dev.switchboard.adapters.client.gemini.GeminiClient;
import dev.switchboard.adapters.client.mock.MockProviderClient;
import dev.switchboard.adapters.client.ollama.OllamaClient;
import dev.switchboard.adapters.client.openai.AzureOpenAiClient;
import dev.switchboard.adapters.client.openai.MistralClient;
import dev.switchboard.adapters.client.openai.OpenAiClient;
import dev.switchboard.adapters.client.openai.OpenAiCompatibleClient;
import dev.switchboard.adapters.config.ProvidersConfig;
import dev.switchboard.contracts.Providers;

/** Builds one client per known provider from its settings, with each provider's public endpoint as the default. */
@ApplicationScoped
public class ProviderClients {

    private final Map<String, ProviderClient> clients = new LinkedHashMap<>();
    private final MockProviderClient mock;

    public ProviderClients(ProvidersConfig config, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        mock = new MockProviderClient(mapper, config.mock(), http, classifier);
        add(mock);
        add(new OpenAiClient(Endpoint.of("openai", config.openai(), "https://api.openai.com/v1"), http,
                classifier, mapper));
        add(openAi("groq", config, "https://api.groq.com/openai/v1", true, http, classifier, mapper));
        add(openAi("openrouter", config, "https://openrouter.ai/api/v1", true, http, classifier, mapper));
        add(openAi("deepseek", config, "https://api.deepseek.com/v1", true, http, classifier, mapper));
        add(new MistralClient(Endpoint.of("mistral", config.mistral(), "https://api.mistral.ai/v1"), http, classifier,
                mapper));
        add(openAi("together", config, "https://api.together.xyz/v1", true, http, classifier, mapper));
        // Local OpenAI-compatible servers rarely need a key, and have no public default.
        add(openAi("openai-compatible", config, null, false, http, classifier, mapper));
        add(new AnthropicClient(Endpoint.of("anthropic", config.anthropic(), "https://api.anthropic.com"), http, classifier,
                mapper));
        add(new GeminiClient(Endpoint.of("gemini", config.gemini(), "https://generativelanguage.googleapis.com"), http,
                classifier, mapper));
        add(new OllamaClient(Endpoint.of("ollama", config.ollama(), "http://127.0.0.1:11434"), http, classifier, mapper));
        add(new AzureOpenAiClient(Endpoint.of("azure-openai", config.azureOpenai(), null), config.azureOpenai().apiVersion(),
                http, classifier, mapper));
    }

    private static OpenAiCompatibleClient openAi(String name, ProvidersConfig config, String defaultBaseUrl,
            boolean keyRequired, ProviderHttp http, ErrorClassifier classifier, ObjectMapper mapper) {
        return new OpenAiCompatibleClient(Endpoint.of(name, config.byName().get(name), defaultBaseUrl), keyRequired, http,
                classifier, mapper);
    }

    private void add(ProviderClient client) {
        if (!Providers.isKnown(client.provider())) {
            throw new IllegalStateException("client for unknown provider " + client.provider());
        }
        clients.put(client.provider(), client);
    }

    public Map<String, ProviderClient> all() {
        return Map.copyOf(clients);
    }

    @PreDestroy
    void close() {
        mock.close();
    }
}
