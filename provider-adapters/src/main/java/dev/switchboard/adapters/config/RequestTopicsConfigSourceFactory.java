package dev.switchboard.adapters.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

import dev.switchboard.contracts.Topics;

/**
 * Derives the request channel's topic list from {@code switchboard.adapters.enabled}, so enabling a provider is one
 * setting. An explicit {@code mp.messaging.incoming.completion-requests.topics} in the environment still wins.
 */
public class RequestTopicsConfigSourceFactory implements ConfigSourceFactory {

    static final String TOPICS_PROPERTY = "mp.messaging.incoming.completion-requests.topics";
    static final String ALL_PROVIDERS = "mock,openai,azure-openai,anthropic,gemini,ollama,groq,openrouter,deepseek,mistral,"
            + "together,openai-compatible";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue("switchboard.adapters.enabled");
        String providers = enabled == null || enabled.getValue() == null ? ALL_PROVIDERS : enabled.getValue();
        String topics = Arrays.stream(providers.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(Topics::requests)
                .collect(Collectors.joining(","));
        return List.of(new PropertiesConfigSource(Map.of(TOPICS_PROPERTY, topics), "switchboard-request-topics", 260));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(260);
    }
}
