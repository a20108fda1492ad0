package dev.switchboard.api;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerResponse;

/**
 * Turns every failure into an error body with its proper status, in the dialect of the request ({@link Dialect}: OpenAI's
 * shape, or Anthropic's on {@code /v1/messages}); unexpected ones are logged, not shown.
 */
public class ApiErrorMapper {

    /**
     * SQL states of values the database cannot hold (too long, numeric or date out of range, unreadable date): they come
     * from what a caller sent, so they are the caller's 400, not the service's 500.
     */
    private static final Set<String> VALUE_REFUSED = Set.of("22001", "22003", "22007", "22008");
    /** SQL states of text the database cannot store: U+0000, refused by the driver (22023) or the server (22021, 22P05). */
    private static final Set<String> CHARACTER_REFUSED = Set.of("22021", "22023", "22P05");
    /** SQL states of a database that cannot be reached or is shutting down (class 08; 57P01-57P03). */
    private static final Set<String> DATABASE_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return respond(uri, e.status(), e.getMessage(), e.param(), e.code());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request) {
        // A parameter converter that refused a value said which parameter and why.
        if (e.getCause() instanceof ApiException refused) {
            return api(refused, uri);
        }
        if (e instanceof NotAllowedException) {
            return notAllowed(uri, request.getMethod());
        }
        // JAX-RS answers 404 when a query or path parameter cannot be converted ("page=abc"); the caller sent a bad value.
        if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException wrongType) {
            return respond(uri, 400, "A query or path parameter has a value of the wrong type (" + wrongType.getMessage()
                    + ").", null, "invalid_parameter");
        }
        // The JSON reader wraps syntax errors and out-of-range numbers in a bare 400.
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return json(unreadable, uri);
        }
        if (e instanceof NotSupportedException) {
            return respond(uri, 415, "The request body must be JSON, sent with 'Content-Type: application/json'.", null,
                    "unsupported_media_type");
        }
        int status = e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().isBlank() ? Response.Status.fromStatusCode(status).toString()
                : e.getMessage();
        return respond(uri, status, message, null, null);
    }

    /** A route that exists, asked with a method it does not take: a 405 that says which ones it takes. */
    private static Response notAllowed(UriInfo uri, String method) {
        String allowed = AllowedMethods.of(uri.getPath());
        String message = "The route " + uri.getPath() + " does not take " + method
                + (allowed.isEmpty() ? "." : "; it takes " + allowed + ".");
        Response refusal = respond(uri, 405, message, null, "method_not_allowed");
        return allowed.isEmpty() ? refusal : Response.fromResponse(refusal).header(HttpHeaders.ALLOW, allowed).build();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && fieldOf(mapping) != null) {
            String param = fieldOf(mapping);
            // A read error inside a field (too deep, not UTF-8) is wrapped with the field's path.
            if (mapping.getCause() instanceof JsonProcessingException unreadable
                    && !(unreadable instanceof JsonMappingException)) {
                return respond(uri, 400, "We could not parse the JSON body of your request: "
                        + JsonTypes.detail(unreadable) + ".", param, null);
            }
            Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return respond(uri, 400, "Invalid type for '" + param + "'" + JsonTypes.expected(target) + ".", param, null);
        }
        if (e instanceof MismatchedInputException) {
            return respond(uri, 400, "The body has the wrong shape: a JSON object is expected.", null, null);
        }
        if (e instanceof InputCoercionException coercion && coercion.getProcessor() != null
                && coercion.getProcessor().getParsingContext().getCurrentName() != null) {
            String param = coercion.getProcessor().getParsingContext().getCurrentName();
            return respond(uri, 400, "Invalid value for '" + param + "': " + JsonTypes.detail(e) + ".", param, null);
        }
        return respond(uri, 400, "We could not parse the JSON body of your request: " + JsonTypes.detail(e) + ".",
                JsonTypes.duplicateKey(e), null);
    }

    /** The body could not be read: the caller went away, or sent more than the limit (already answered with 413). */
    @ServerExceptionMapper
    public Response unreadable(IOException e, UriInfo uri, HttpServerResponse answered) {
        Log.debugf("A request body could not be read: %s", e.getMessage());
        if (answered.ended()) {
            // The HTTP layer has answered already (413 for a chunked body past the limit); a body now could not be sent.
            return Response.status(answered.getStatusCode()).build();
        }
        return respond(uri, 400, "The request body could not be read.", null, null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        var violation = e.getConstraintViolations().iterator().next();
        String path = violation.getPropertyPath().toString();
        String param = path.substring(path.lastIndexOf('.') + 1);
        return respond(uri, 400, param + " " + violation.getMessage(), param, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (!(cause instanceof SQLException sql)) {
                continue;
            }
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (VALUE_REFUSED.contains(state)) {
                Log.debugf("A request value was refused by the database: %s", sql.getMessage());
                return respond(uri, 400, "a value in the request is too long or out of range", null, "value_out_of_range");
            }
            if (CHARACTER_REFUSED.contains(state)) {
                Log.debugf("A request value was refused by the database: %s", sql.getMessage());
                return respond(uri, 400, "a value in the request holds a character that cannot be stored, such as U+0000",
                        null, "invalid_character");
            }
            if (sql instanceof SQLTransientConnectionException || state.startsWith("08") || DATABASE_AWAY.contains(state)) {
                // The service's own dependency is away: the caller may retry, and the log needs no stack trace.
                Log.warnf("The database could not be reached: %s", sql.getMessage());
                return Response.fromResponse(respond(uri, 503, "the service's database is unavailable; retry shortly",
                        null, "database_unavailable")).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
            }
        }
        Log.error("Unexpected failure", e);
        return respond(uri, 500, "internal error; see the service log", null, null);
    }

    /** The innermost named field of a mapping error's path: "capabilities" for capabilities[0]. */
    private static String fieldOf(JsonMappingException e) {
        for (int i = e.getPath().size() - 1; i >= 0; i--) {
            if (e.getPath().get(i).getFieldName() != null) {
                return e.getPath().get(i).getFieldName();
            }
        }
        return null;
    }

    private static Response respond(UriInfo uri, int status, String message, String param, String code) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Dialect.of(uri.getPath()).errorBody(status, message, param, code));
        return status == 401 ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build() : response.build();
    }
}
