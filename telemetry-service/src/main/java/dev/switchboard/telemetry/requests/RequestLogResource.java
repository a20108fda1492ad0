package dev.switchboard.telemetry.requests;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.auth.Requires;
import dev.switchboard.api.auth.Right;
import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.rest.InstantParam;

/** The request log: client calls, newest first, with filters and paging, and the whole story of one call. */
@Path("/telemetry/requests")
@Tag(name = "telemetry")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Right.OPS)
public class RequestLogResource {

    private static final Set<String> OUTCOMES = Set.of("success", "error", "cancelled", "expired");
    private static final int MAX_SIZE = 500;

    private final RequestLogRepository repository;

    public RequestLogResource(RequestLogRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Client calls in a time range (default: the last 24 hours), newest first")
    public RequestPage list(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("key") String key,
            @QueryParam("team") String team,
            @QueryParam("model") String model,
            @QueryParam("provider") String provider,
            @QueryParam("outcome") String outcome,
            @QueryParam("minLatencyMs") Long minLatencyMs,
            @QueryParam("operation") String operation,
            @QueryParam("user") String user,
            @QueryParam("tag") String tag,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @Context UriInfo uri) throws SQLException {
        Instant end = InstantParam.parse("to", to, Instant.now().plusSeconds(1));
        Instant start = InstantParam.parse("from", from, end.minus(Duration.ofHours(24)));
        if (!start.isBefore(end)) {
            throw new ApiException(400, "from must be before to", "from", null);
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new ApiException(400, "outcome '" + outcome + "' is not one of success, error, cancelled, expired",
                    "outcome", null);
        }
        if (minLatencyMs != null && minLatencyMs < 0) {
            throw new ApiException(400, "minLatencyMs must not be negative", "minLatencyMs", null);
        }
        if (page < 0 || page > 100_000) {
            throw new ApiException(400, "page must be between 0 and 100000", "page", null);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ApiException(400, "size must be between 1 and " + MAX_SIZE, "size", null);
        }
        UsageFilter usage = UsageFilter.of(operation, key, team, user, tag).withMetadata(uri.getQueryParameters());
        return repository.page(new RequestFilter(start, end, usage, blankToNull(model), blankToNull(provider), outcome,
                minLatencyMs, page, size));
    }

    @GET
    @Path("/{requestId}")
    @Operation(summary = "One client call: every attempt with its timings, tokens, cost and, when kept, its bodies")
    public RequestStory story(@PathParam("requestId") String requestId) throws SQLException {
        return repository.story(requestId).orElseThrow(() -> new ApiException(404,
                "No request '" + requestId + "' in the request log (it may be past retention)", "requestId",
                "request_not_found"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
