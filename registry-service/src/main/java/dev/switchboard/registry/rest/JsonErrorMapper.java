package dev.switchboard.registry.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.switchboard.contracts.ApiError;

/** Answers a body that is not JSON, or JSON of the wrong shape, with a 400 in the error shape naming the field. */
public class JsonErrorMapper {

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response unreadable(JsonProcessingException e) {
        String param = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            param = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        String message = param == null ? "the body is not valid JSON: " + e.getOriginalMessage()
                : "the field '" + param + "' has the wrong type or format";
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(message, "invalid_request_error", param, null)).build();
    }
}
