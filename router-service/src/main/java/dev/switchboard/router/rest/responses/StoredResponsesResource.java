package dev.switchboard.router.rest.responses;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import dev.switchboard.api.ApiException;
import dev.switchboard.router.Caller;
import dev.switchboard.router.client.ResponseStoreClient;
import dev.switchboard.router.client.StoredResponse;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}: the stored
 * responses of the calling key. Another key's response, an expired one and one never stored are all a 404. The class
 * shares {@link ResponsesResource}'s path, so that the REST layer matches a path under it against both classes' methods
 * (and a method neither takes is a 405, not a 404).
 */
@Path("/v1/responses")
@Produces(MediaType.APPLICATION_JSON)
public class StoredResponsesResource {

    private final ResponseStoreClient store;
    private final ObjectMapper mapper;

    public StoredResponsesResource(ResponseStoreClient store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @GET
    @Path("/{id}")
    public Uni<JsonNode> get(@PathParam("id") String id, RoutingContext routing) {
        return stored(id, routing).map(StoredResponse::response);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id, RoutingContext routing) {
        return store.delete(id, Caller.of(routing).keyId()).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return mapper.createObjectNode().put("id", id).put("object", "response").put("deleted", true);
        });
    }

    @GET
    @Path("/{id}/input_items")
    public Uni<ObjectNode> inputItems(@PathParam("id") String id, RoutingContext routing,
            @QueryParam("order") @DefaultValue("desc") String order,
            @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("after") String after) {
        if (!"asc".equals(order) && !"desc".equals(order)) {
            throw new ApiException(400, "Invalid 'order': expected 'asc' or 'desc'.", "order", null);
        }
        if (limit < 1 || limit > 100) {
            throw new ApiException(400, "Invalid 'limit': expected an integer from 1 to 100.", "limit", null);
        }
        return stored(id, routing).map(stored -> page(stored.inputItems(), "desc".equals(order), limit, after));
    }

    /** One page of the items, in the order asked for, after the item {@code after} when given. */
    private ObjectNode page(JsonNode items, boolean newestFirst, int limit, String after) {
        ArrayNode ordered = mapper.createArrayNode();
        items.forEach(item -> {
            if (newestFirst) {
                ordered.insert(0, item);
            } else {
                ordered.add(item);
            }
        });
        int start = 0;
        if (after != null) {
            for (int i = 0; i < ordered.size(); i++) {
                if (after.equals(ordered.get(i).path("id").asText())) {
                    start = i + 1;
                }
            }
        }
        ObjectNode list = mapper.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (int i = start; i < ordered.size() && data.size() < limit; i++) {
            data.add(ordered.get(i));
        }
        list.set("first_id", data.isEmpty() ? null : data.get(0).get("id"));
        list.set("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
        list.put("has_more", start + data.size() < ordered.size());
        return list;
    }

    private Uni<StoredResponse> stored(String id, RoutingContext routing) {
        return store.get(id, Caller.of(routing).keyId()).map(stored -> stored.orElseThrow(() -> notFound(id)));
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "Response with id '" + id + "' not found.", null, null);
    }
}
