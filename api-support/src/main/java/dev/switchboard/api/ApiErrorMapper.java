package dev.switchboard.api;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.ApiError;

/** Turns every failure into the OpenAI error body with its proper status; unexpected ones are logged, not shown. */
public class ApiErrorMapper {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.status(), e.getMessage(), e.param(), e.code());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // JAX-RS answers 404 when a query or path parameter cannot be converted ("page=abc"); the caller sent a bad value.
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException wrongType) {
            return respond(400, "A query or path parameter has a value of the wrong type (" + wrongType.getMessage()
                    + ").", null, "invalid_parameter");
        }
        int status = e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? Response.Status.fromStatusCode(status).toString()
                : e.getMessage();
        return respond(status, message, null, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().iterator().next();
        String path = violation.getPropertyPath().toString();
        String param = path.substring(path.lastIndexOf('.') + 1);
        return respond(400, param + " " + violation.getMessage(), param, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected failure", e);
        return respond(500, "internal error; see the service log", null, null);
    }

    private static Response respond(int status, String message, String param, String code) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(message, ApiError.typeFor(status), param, code))
                .build();
    }
}
