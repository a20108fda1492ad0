package dev.switchboard.adapters.service;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.UsageEvent;

/** What handling one request produced: the reply to send (null when nobody waits for it) and its usage event. */
public record Attempt(CompletionReply reply, UsageEvent usage) {
}
