package dev.switchboard.telemetry.requests;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who made a call, as its usage events were attributed: the key's id, the managed key's name and team (null for a
 * static key), the request's end user, its tags (empty when none) and its metadata (null when none).
 */
public record RequestCaller(String keyId, String keyName, String teamId, String teamName, String user,
        List<String> tags, JsonNode metadata) {
}
