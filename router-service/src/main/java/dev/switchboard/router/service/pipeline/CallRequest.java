package dev.switchboard.router.service.pipeline;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.contracts.Dialect;
import dev.switchboard.contracts.Operation;
import dev.switchboard.router.Caller;
import dev.switchboard.router.Plan;

/**
 * A call as a front door hands it to the {@link CallPipeline}: what is asked and in which dialect, the body as read
 * once, who asks, and the models to try.
 *
 * @param streamed whether the caller asked for a streamed answer
 * @param cacheMode the caller's {@code X-Switchboard-Cache} header ({@code use}, {@code bypass}), or null
 * @param forwardHeaders caller headers the adapter passes to the provider unchanged; null when there are none
 */
public record CallRequest(
        Operation operation,
        Dialect dialect,
        ObjectNode body,
        boolean streamed,
        Plan plan,
        Caller caller,
        String cacheMode,
        Map<String, String> forwardHeaders) {
}
