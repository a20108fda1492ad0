package dev.switchboard.registry.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps what a model list says a model accepts onto the registry's capabilities. The words are OpenRouter's: input
 * modalities ({@code image}, {@code audio}) and supported parameters ({@code tools}, {@code response_format},
 * {@code structured_outputs}, {@code reasoning}); the adapters relay other providers' lists in the same words.
 */
public final class Capabilities {

    private Capabilities() {
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
