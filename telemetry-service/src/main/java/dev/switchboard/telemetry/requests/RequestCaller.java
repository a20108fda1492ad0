package dev.switchboard.telemetry.requests;

import java.util.List;

/**
 * Who made a call, as its usage events were attributed: the key's id, the managed key's name and team (null for a
 * static key), the request's end user, and its tags (empty when none).
 */
public record RequestCaller(String keyId, String keyName, String teamId, String user, List<String> tags) {
}
