package dev.switchboard.router.governance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.TokenPrices;
import dev.switchboard.router.service.pipeline.Call;

/** What a call is attributed to: its key's name and team, the request's {@code user} and {@code metadata}, its tags. */
final class Attributions {

    private Attributions() {
    }

    /**
     * {@code holder} is this replica when the call reserved from its leases, else null; {@code unpriced} the price its
     * budget reserved at on a model without one, or null.
     */
    static Attribution of(Call call, KeyState key, String holder, TokenPrices unpriced) {
        JsonNode body = call.request().body();
        String user = body.path("user").isTextual() ? body.path("user").asText() : null;
        Map<String, String> metadata = null;
        if (body.path("metadata").isObject() && !body.path("metadata").isEmpty()) {
            metadata = new LinkedHashMap<>();
            for (var fields = body.path("metadata").fields(); fields.hasNext();) {
                var field = fields.next();
                metadata.put(field.getKey(), field.getValue().asText());
            }
        }
        var tags = call.request().caller().tags();
        KeyState.Team team = key == null ? null : key.team();
        if (key == null && user == null && metadata == null && tags.isEmpty()) {
            return null;
        }
        return new Attribution(key == null ? null : key.name(), team == null ? null : team.id(),
                team == null ? null : team.name(), user, metadata, tags.isEmpty() ? null : tags, holder,
                holder == null ? null : Instant.now(), unpriced);
    }
}
