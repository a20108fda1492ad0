package dev.switchboard.adapters.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the adapters' spans record beyond the GenAI conventions' metadata. */
@ConfigMapping(prefix = "switchboard.adapters.tracing")
public interface TracingConfig {

    /**
     * Whether the provider call's span records the prompt and the answer ({@code gen_ai.input.messages},
     * {@code gen_ai.output.messages}); they may hold personal data, so this is off unless switched on.
     */
    @WithDefault("false")
    boolean captureContent();
}
