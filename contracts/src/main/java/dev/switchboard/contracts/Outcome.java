package dev.switchboard.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How one attempt ended. */
public enum Outcome {
    @JsonProperty("success")
    SUCCESS,
    @JsonProperty("error")
    ERROR,
    /** The deadline had passed before the adapter took the request, so the provider was not called. */
    @JsonProperty("expired")
    EXPIRED,
    /** The client went away while the provider was working, so the adapter cut the call off. */
    @JsonProperty("cancelled")
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
