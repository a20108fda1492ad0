package dev.switchboard.adapters.service;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.UsageEvent;

/**
 * One step of handling a request: a reply to send (null when nobody waits for one), and, on the final step only, the
 * attempt's usage event.
 */
public record Attempt(CompletionReply reply, UsageEvent usage) {

    public boolean isFinal() {
        return usage != null;
    }
}
