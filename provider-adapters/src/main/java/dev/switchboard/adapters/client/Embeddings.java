package dev.switchboard.adapters.client;

import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionRequest;

/**
 * A provider that turns text into vectors. The request's body is an OpenAI Embeddings request; the answer is OpenAI's
 * {@code list} of {@code embedding} objects with float vectors, in input order, and {@code usage} ({@link
 * EmbeddingLists}).
 */
public interface Embeddings {

    /** One {@code list} of {@code embedding}s; never streamed. */
    Uni<ProviderResponse> embed(CompletionRequest request);
}
