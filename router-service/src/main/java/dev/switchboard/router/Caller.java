package dev.switchboard.router;

import java.util.ArrayList;
import java.util.List;

import io.vertx.ext.web.RoutingContext;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.auth.KeyPrincipal;

/**
 * Who a call comes from, as the authentication established it; it travels with the call through the pipeline.
 *
 * @param keyId the public id of the API key the call was authenticated with: a short hash, never the key
 * @param principal the key's principal (name, team, rights), for what a key may be limited to
 * @param tags the call's tags from {@code X-Switchboard-Tags}, for attribution; empty when none
 */
public record Caller(String keyId, KeyPrincipal principal, List<String> tags) {

    public static final String TAGS_HEADER = "X-Switchboard-Tags";
    static final int MAX_TAGS = 16;
    static final int MAX_TAG_LENGTH = 64;

    public Caller {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Caller(String keyId, KeyPrincipal principal) {
        this(keyId, principal, List.of());
    }

    /** The caller of a call to {@code /v1}, which the authentication filter let through with a caller key. */
    public static Caller of(RoutingContext routing) {
        KeyPrincipal principal = KeyPrincipal.of(routing);
        return new Caller(principal.keyId(), principal, tags(routing.request().getHeader(TAGS_HEADER)));
    }

    /** The comma-separated tags of the header: at most 16, each 1 to 64 printable characters without spaces inside. */
    static List<String> tags(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > MAX_TAG_LENGTH || !tag.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw invalidTags("each tag must be 1 to " + MAX_TAG_LENGTH + " printable characters without spaces");
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw invalidTags("at most " + MAX_TAGS + " tags are allowed");
        }
        return tags;
    }

    private static ApiException invalidTags(String why) {
        return new ApiException(400, TAGS_HEADER + " must be comma-separated tags: " + why + ".", TAGS_HEADER, null);
    }
}
