package dev.switchboard.api;

import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers in the caller's error shape what is refused on the HTTP layer, before the REST layer and its
 * {@link ApiErrorMapper} see the request: a header section over {@code switchboard.http.max-header-size}, a body over
 * {@code quarkus.http.limits.max-body-size} by its Content-Length, and a request the router fails with a client-error
 * status (no Host header, say), which Quarkus would answer with a bare status.
 */
@Singleton
public class HttpLayerErrors {

    /** The separator after a header's name and the line end after its value. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final long maxHeaderSize;
    private final long maxBodySize;
    private final ObjectMapper mapper;

    public HttpLayerErrors(HttpLimitsConfig limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") String maxBodySize,
            ObjectMapper mapper) {
        this.maxHeaderSize = limits.maxHeaderSize().asLongValue();
        this.maxBodySize = new MemorySizeConverter().convert(maxBodySize).asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // Just before the built-in limit, which would answer the same 413 with an empty body; the failure handler comes
        // before Quarkus's own, which answers a client error with its bare status.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::refuseOversized)
                .failureHandler(this::answerRefusal);
    }

    private void refuseOversized(RoutingContext context) {
        if (headerSectionSize(context.request().headers()) > maxHeaderSize) {
            closeOnceAnswered(context);
            answer(context, 431, "The request's header section is larger than this service accepts (" + maxHeaderSize
                    + " bytes).");
            return;
        }
        if (declaresMoreThan(context.request().getHeader(HttpHeaders.CONTENT_LENGTH), maxBodySize)) {
            closeOnceAnswered(context);
            answer(context, 413, tooLarge());
            return;
        }
        context.next();
    }

    /** The unread body would follow; closing once the answer is out, as the built-in limits do, drops it. */
    private static void closeOnceAnswered(RoutingContext context) {
        context.response().putHeader("Connection", "close").endHandler(ended -> context.request().connection().close());
    }

    private static long headerSectionSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        return size;
    }

    /** A refusal with a client-error status and no answer yet: a missing Host header, a path that cannot be decoded. */
    private void answerRefusal(RoutingContext context) {
        int status = context.statusCode();
        if (status < 400 || status > 499 || context.response().headWritten()) {
            context.next();
            return;
        }
        // Vert.x words its own refusals for the caller ("For HTTP/1.x requests, the 'Host' header is required").
        String reason = context.failure() instanceof VertxException refusal ? refusal.getMessage() : null;
        Response.Status known = Response.Status.fromStatusCode(status);
        answer(context, status, reason != null ? reason
                : known == null ? "The request was refused." : "The request was refused: " + known.getReasonPhrase() + ".");
    }

    private String tooLarge() {
        return "The request body is larger than this service accepts (" + maxBodySize + " bytes).";
    }

    /** Every call passes here, so the header is read without a regular expression or an exception. */
    private static boolean declaresMoreThan(String length, long limit) {
        if (length == null || length.isEmpty()) {
            return false;
        }
        for (int i = 0; i < length.length(); i++) {
            if (!Character.isDigit(length.charAt(i))) {
                return false;
            }
        }
        return length.length() > 18 || Long.parseLong(length) > limit;
    }

    private void answer(RoutingContext context, int status, String message) {
        try {
            byte[] body = mapper.writeValueAsBytes(Dialect.of(context.request().path()).errorBody(status, message, null, null));
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .end(Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the error body cannot be written", e);
        }
    }
}
