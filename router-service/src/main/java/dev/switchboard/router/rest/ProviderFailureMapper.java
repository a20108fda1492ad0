package dev.switchboard.router.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.switchboard.contracts.ApiError;
import dev.switchboard.router.service.ProviderFailure;

/** Answers a provider's failure in the OpenAI error shape, passing on how long to wait before retrying. */
public class ProviderFailureMapper {

    @ServerExceptionMapper
    public Response providerFailure(ProviderFailure failure) {
        Response.ResponseBuilder response = Response.status(failure.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(failure.getMessage(), ApiError.typeFor(failure.status()), failure.param(),
                        failure.code()));
        Long retryAfterMs = failure.error().retryAfterMs();
        if (retryAfterMs != null) {
            response.header("Retry-After", Math.max(1, (retryAfterMs + 999) / 1000));
        }
        return response.build();
    }
}
