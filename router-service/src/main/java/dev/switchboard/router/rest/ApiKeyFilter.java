package dev.switchboard.router.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.contracts.ApiError;
import dev.switchboard.router.Caller;
import dev.switchboard.router.config.RouterConfig;

/**
 * Lets a call to {@code /v1} through only with a configured API key as a bearer token. Keys are compared in constant
 * time, and only a short hash of the key ever leaves this class.
 */
public class ApiKeyFilter {

    private static final String CALLER = "switchboard.caller";

    /** Configured keys to the caller each stands for, made once so that no call allocates one. */
    private final Map<String, Caller> callers;

    public ApiKeyFilter(RouterConfig config) {
        List<String> keys = config.apiKeys().orElse(List.of()).stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (keys.isEmpty()) {
            Log.warn("No API key is configured (SWITCHBOARD_API_KEY): every call to /v1 is refused with 401");
        }
        this.callers = keys.stream().distinct()
                .collect(Collectors.toUnmodifiableMap(k -> k, k -> new Caller(idOf(k))));
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request, RoutingContext routing) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized("You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
        }
        byte[] presented = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, Caller> key : callers.entrySet()) {
            if (MessageDigest.isEqual(presented, key.getKey().getBytes(StandardCharsets.UTF_8))) {
                routing.put(CALLER, key.getValue());
                return null;
            }
        }
        return unauthorized("Incorrect API key provided.");
    }

    /** Who the call comes from, as its key established it; the front doors hand it to the pipeline. */
    public static Caller caller(RoutingContext routing) {
        return routing.get(CALLER);
    }

    static String idOf(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Response unauthorized(String message) {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ApiError.of(message, "invalid_request_error", null, "invalid_api_key"))
                .build();
    }
}
