package dev.switchboard.registry.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps what a model list says a model accepts onto the registry's capabilities. The words are OpenRouter's: input
 * modalities ({@code image}, {@code audio}) and supported parameters ({@code tools}, {@code response_format},
 * {@code structured_outputs}, {@code reasoning}); the adapters relay other providers' lists in the same words.
 */
public final class Capabilities {

    /**
     * Model ids that name an embedding model: {@code embed} anywhere (OpenAI's {@code text-embedding-3-small}, Gemini's
     * {@code gemini-embedding-001}, Mistral's {@code mistral-embed}, Ollama's {@code nomic-embed-text} and
     * {@code mxbai-embed-large}), and the sentence-embedding families {@code all-minilm} and {@code bge-}.
     */
    private static final Pattern EMBEDDING_NAME = Pattern.compile("embed|(^|[/:])all-minilm|(^|[/:])bge-");

    /** What an embedding model can do: embed, and nothing else. */
    public static final List<String> EMBEDDING_MODEL = List.of("embeddings");

    private Capabilities() {
    }

    /**
     * Whether a model whose list states nothing about its kind is an embedding model by its id. Providers list their
     * embedding models beside their chat models without saying which is which, so a discovered embedding model would
     * otherwise be offered for chat.
     */
    public static boolean namesEmbeddingModel(String modelId) {
        return modelId != null && EMBEDDING_NAME.matcher(modelId.toLowerCase(Locale.ROOT)).find();
    }

    /**
     * The capabilities a listed chat model is known to have; every chat model takes text and streams over the chat
     * completions API. With {@code supportedParameters} absent, only the modalities speak.
     */
    public static List<String> of(List<String> inputModalities, List<String> supportedParameters) {
        List<String> capabilities = new ArrayList<>(List.of("text", "streaming"));
        if (inputModalities != null && inputModalities.contains("image")) {
            capabilities.add("vision");
        }
        if (inputModalities != null && inputModalities.contains("audio")) {
            capabilities.add("audio");
        }
        if (supportedParameters != null) {
            if (supportedParameters.contains("tools")) {
                capabilities.add("function-calling");
            }
            if (supportedParameters.contains("response_format") || supportedParameters.contains("structured_outputs")) {
                capabilities.add("json-mode");
            }
            if (supportedParameters.contains("reasoning") || supportedParameters.contains("include_reasoning")) {
                capabilities.add("reasoning");
            }
        }
        return List.copyOf(capabilities);
    }
}
