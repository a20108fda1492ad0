package dev.switchboard.adapters.client;

import java.util.Map;
import java.util.regex.Pattern;

/** What each provider's keys look like, to catch a key pasted into the wrong setting at start-up. */
public final class KeyFormats {

    private static final Map<String, Pattern> FORMATS = Map.of(
            "openai", Pattern.compile("^sk-[A-Za-z0-9_\\-]{20,}$"),
            "anthropic", Pattern.compile("^sk-ant-[A-Za-z0-9_\\-]{20,}$"),
            "gemini", Pattern.compile("^AIza[0-9A-Za-z_\\-]{35}$"),
            "groq", Pattern.compile("^gsk_[A-Za-z0-9]{20,}$"),
            "openrouter", Pattern.compile("^sk-or-[A-Za-z0-9_\\-]{20,}$"),
            "deepseek", Pattern.compile("^sk-[A-Za-z0-9]{20,}$"),
            "mistral", Pattern.compile("^[A-Za-z0-9]{32}$"),
            "azure-openai", Pattern.compile("^[A-Za-z0-9]{32,}$"));

    private KeyFormats() {
    }

    /** Whether the key has the provider's documented shape; providers without one accept any key. */
    public static boolean plausible(String provider, String key) {
        Pattern format = FORMATS.get(provider);
        return format == null || format.matcher(key).matches();
    }
}
