package dev.switchboard.router.service.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

import dev.switchboard.contracts.Operation;

/**
 * An exact-match cache of plain answers, in process (Caffeine, through Quarkus Cache; size and time to live in
 * {@code quarkus.cache.caffeine.completions.*}). The key is a hash of the caller's key id and the request with its
 * object fields in a fixed order, under its operation and with the headers the provider gets, so the same question in
 * another field order is the same entry, a different beta flag is another, and no caller ever sees another caller's
 * answer. A shared cache would keep this key and swap the store (see the README).
 */
@Singleton
public class ResponseCache {

    public static final String HEADER = "X-Switchboard-Cache";
    /** Fields that change how the answer is delivered, not what it says. */
    private static final List<String> DELIVERY_FIELDS = List.of("stream", "stream_options");

    private final CaffeineCache cache;
    private final ObjectMapper mapper;

    public ResponseCache(@CacheName("completions") Cache cache, ObjectMapper mapper) {
        this.cache = cache.as(CaffeineCache.class);
        this.mapper = mapper;
    }

    /** Whether to use the cache: asked for with {@code use}, refused with {@code bypass}, else for temperature 0. */
    public static boolean applies(ObjectNode body, String header, boolean streamed) {
        if (streamed || "bypass".equalsIgnoreCase(header)) {
            return false;
        }
        if ("use".equalsIgnoreCase(header)) {
            return true;
        }
        JsonNode temperature = body.get("temperature");
        return temperature != null && temperature.isNumber() && temperature.asDouble() == 0.0;
    }

    /**
     * The entry of a request: the caller's key id, the operation, the request and the headers handed to the provider
     * with it ({@code anthropic-beta} and {@code anthropic-version} change what Anthropic answers), names in a fixed
     * order.
     */
    public String key(Operation operation, ObjectNode body, String apiKeyId, Map<String, String> forwardHeaders) {
        ObjectNode request = body.deepCopy();
        DELIVERY_FIELDS.forEach(request::remove);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.valueOf(apiKeyId).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(operation.wireName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(mapper.writeValueAsBytes(canonical(request)));
            if (forwardHeaders != null && !forwardHeaders.isEmpty()) {
                digest.update((byte) 0);
                digest.update(mapper.writeValueAsBytes(new TreeMap<>(forwardHeaders)));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not hash a request", e);
        }
    }

    public Optional<CachedAnswer> get(String key) {
        CompletableFuture<Object> entry = cache.getIfPresent(key);
        if (entry == null || !entry.isDone() || entry.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of((CachedAnswer) entry.join());
    }

    public void put(String key, CachedAnswer answer) {
        cache.put(key, CompletableFuture.completedFuture(answer));
    }

    /** A cached answer: the answer object, the operation whose shape it has, and the model that gave it. */
    public record CachedAnswer(ObjectNode completion, Operation operation, String provider, String model) {
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = mapper.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = mapper.createArrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }
}
