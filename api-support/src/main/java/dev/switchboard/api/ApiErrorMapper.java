package dev.switchboard.api;

import java.sql.SQLException;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;

import dev.switchboard.contracts.ApiError;

/** Turns every failure into the OpenAI error body with its proper status; unexpected ones are logged, not shown. */
public class ApiErrorMapper {

    /**
     * SQL states of values the database cannot hold (too long, numeric or date out of range, unreadable date): they come
     * from what a caller sent, so they are the caller's 400, not the service's 500.
     */
    private static final Set<String> VALUE_REFUSED = Set.of("22001", "22003", "22007", "22008");

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
        // The JSON reader wraps syntax errors and out-of-range numbers in a bare 400.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return json(unreadable);
        }
        int status = e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? Response.Status.fromStatusCode(status).toString()
                : e.getMessage();
        return respond(status, message, null, null);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String param = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
            return respond(400, "the field '" + param + "' has the wrong type or format", param, null);
        }
        if (e instanceof MismatchedInputException) {
            return respond(400, "the body has the wrong shape: a JSON object is expected", null, null);
        }
        if (e instanceof InputCoercionException coercion && coercion.getProcessor() != null
                && coercion.getProcessor().getParsingContext().getCurrentName() != null) {
            String param = coercion.getProcessor().getParsingContext().getCurrentName();
            return respond(400, "the field '" + param + "' is out of range: " + e.getOriginalMessage(), param, null);
        }
        return respond(400, "the body is not valid JSON: " + e.getOriginalMessage(), null, null);
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
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && VALUE_REFUSED.contains(sql.getSQLState())) {
                Log.debugf("A request value was refused by the database: %s", sql.getMessage());
                return respond(400, "a value in the request is too long or out of range", null, "value_out_of_range");
            }
        }
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
