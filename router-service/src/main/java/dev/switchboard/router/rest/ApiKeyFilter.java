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
import dev.switchboard.router.config.RouterConfig;

/**
 * Lets a call to {@code /v1} through only with a configured API key as a bearer token. Keys are compared in constant
 * time, and only a short hash of the key ever leaves this class.
 */
public class ApiKeyFilter {

    private static final String KEY_ID = "switchboard.api-key-id";

    /** Configured key bytes to their public id. */
    private final Map<String, String> keyIds;

    public ApiKeyFilter(RouterConfig config) {
        List<String> keys = config.apiKeys().orElse(List.of()).stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        if (keys.isEmpty()) {
            Log.warn("No API key is configured (SWITCHBOARD_API_KEY): every call to /v1 is refused with 401");
        }
        this.keyIds = keys.stream().distinct().collect(Collectors.toUnmodifiableMap(k -> k, ApiKeyFilter::idOf));
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
        for (Map.Entry<String, String> key : keyIds.entrySet()) {
            if (MessageDigest.isEqual(presented, key.getKey().getBytes(StandardCharsets.UTF_8))) {
                routing.put(KEY_ID, key.getValue());
                return null;
            }
        }
        return unauthorized("Incorrect API key provided.");
    }

    /** The public id of the key the call was authenticated with. */
    static String keyId(RoutingContext routing) {
        return routing.get(KEY_ID);
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
