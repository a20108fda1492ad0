package dev.switchboard.router.service.pipeline;

import io.smallrye.mutiny.Uni;

/**
 * Admits a call before the cache and its first attempt, and may wait to do so without blocking (for a lease from the
 * registry, say); fail the Uni with an {@link dev.switchboard.api.ApiException} to refuse the call, which its caller
 * gets in its dialect. To plug one in, make it a CDI bean; several admit one after another, in {@code @Priority} order,
 * highest first. {@link CallHook#afterCall} follows whatever they decide.
 */
public interface CallGate {

    Uni<Void> admit(Call call);
}
