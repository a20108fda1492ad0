package dev.switchboard.router.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.switchboard.api.ApiException;

/**
 * Keeps the responses of {@code /v1/responses} in the registry, so every router replica finds what another stored. A
 * response the key does not own, or that does not exist, is empty, never an error; a registry that cannot be reached is
 * a 503 the caller can retry.
 */
@ApplicationScoped
public class ResponseStoreClient {

    private final ResponseStoreApi api;

    public ResponseStoreClient(@RestClient ResponseStoreApi api) {
        this.api = api;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public Uni<Void> put(String id, StoredResponse stored) {
        return api.put(id, stored).onFailure().transform(ResponseStoreClient::unreachable);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public Uni<Optional<StoredResponse>> get(String id, String apiKeyId) {
        return api.get(id, apiKeyId).map(Optional::of)
                .onFailure(ResponseStoreClient::notFound).recoverWithItem(Optional.empty())
                .onFailure().transform(ResponseStoreClient::unreachable);
    }

    /** Whether the key's response was there to delete. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public Uni<Boolean> delete(String id, String apiKeyId) {
        return api.delete(id, apiKeyId).map(ignored -> true)
                .onFailure(ResponseStoreClient::notFound).recoverWithItem(false)
                .onFailure().transform(ResponseStoreClient::unreachable);
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }

    private static Throwable unreachable(Throwable failure) {
        return new ApiException(503, "The store of responses cannot be reached; try again.", null,
                "store_unavailable");
    }
}
