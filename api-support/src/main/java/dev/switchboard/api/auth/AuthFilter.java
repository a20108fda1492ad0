package dev.switchboard.api.auth;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.arc.All;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.api.ApiException;

/**
 * The one authentication of every service: lets a call through only with a key that has the right its endpoint needs
 * ({@link Requires}, {@link Public}, else {@code switchboard.auth.default-right}). The key comes as
 * {@code Authorization: Bearer <key>} or, as the Anthropic SDKs send it, {@code x-api-key: <key>}. A missing or unknown
 * key is a 401 {@code invalid_api_key}, a known key without the right a 403 {@code permission_denied}; both are
 * answered by the error mapper, in the caller's dialect. The principal is attached to the request for what follows.
 */
public class AuthFilter {

    static final String API_KEY_HEADER = "x-api-key";
    private static final String BEARER = "Bearer ";

    private final List<KeyDirectory> directories;
    private final Optional<Right> defaultRight;
    private final Map<Method, Optional<Right>> requiredRights = new ConcurrentHashMap<>();

    public AuthFilter(@All List<KeyDirectory> directories, AuthConfig config) {
        this.directories = List.copyOf(directories);
        this.defaultRight = config.defaultRight();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ResourceInfo resource, RoutingContext routing) {
        Optional<Right> right = requiredRights.computeIfAbsent(resource.getResourceMethod(),
                method -> requiredRight(method, resource.getResourceClass()));
        if (right.isEmpty()) {
            return;
        }
        String key = presentedKey(routing.request());
        if (key == null) {
            throw new ApiException(401, "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' or"
                    + " 'x-api-key: <key>'.", null, "invalid_api_key");
        }
        KeyPrincipal principal = resolve(KeyDigest.of(key));
        if (principal == null) {
            throw new ApiException(401, "Incorrect API key provided.", null, "invalid_api_key");
        }
        if (!principal.has(right.get())) {
            throw new ApiException(403, "This key may not use this route: it needs the '" + right.get().label()
                    + "' right.", null, "permission_denied");
        }
        principal.attachTo(routing);
    }

    private KeyPrincipal resolve(KeyDigest digest) {
        for (KeyDirectory directory : directories) {
            Optional<KeyPrincipal> principal = directory.resolve(digest);
            if (principal.isPresent()) {
                return principal.get();
            }
        }
        return null;
    }

    private Optional<Right> requiredRight(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(Requires.class)) {
            return Optional.of(method.getAnnotation(Requires.class).value());
        }
        if (method.isAnnotationPresent(Public.class)) {
            return Optional.empty();
        }
        for (Class<?> type : List.of(resourceClass, method.getDeclaringClass())) {
            if (type.isAnnotationPresent(Requires.class)) {
                return Optional.of(type.getAnnotation(Requires.class).value());
            }
            if (type.isAnnotationPresent(Public.class)) {
                return Optional.empty();
            }
        }
        return defaultRight;
    }

    /** The key of {@code Authorization: Bearer}, else of {@code x-api-key}; null when neither carries one. */
    static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            if (!key.isEmpty()) {
                return key;
            }
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }
}
