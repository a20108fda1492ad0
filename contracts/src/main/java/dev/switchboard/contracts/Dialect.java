package dev.switchboard.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The API dialect the caller speaks, which fixes how errors and pass-through details reach it. A version 1 record names
 * none: it is {@link #OPENAI}.
 */
public enum Dialect {
    @JsonProperty("openai")
    OPENAI,
    @JsonProperty("anthropic")
    ANTHROPIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
