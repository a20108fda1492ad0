package dev.switchboard.telemetry.export;

import java.time.Instant;
import java.util.Locale;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.ApiException;
import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.rest.InstantParam;

/** Streams usage rows, one per attempt or summed per hour or day, as RFC 4180 CSV, a JSON array or NDJSON. */
@Path("/telemetry/export")
@Tag(name = "telemetry")
public class ExportResource {

    private final UsageExporter exporter;

    public ExportResource(UsageExporter exporter) {
        this.exporter = exporter;
    }

    @GET
    @Operation(summary = "Usage rows, oldest first, streamed from a database cursor")
    public Response export(
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("granularity") @DefaultValue("request") String granularity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("provider") String provider,
            @QueryParam("model") String model,
            @QueryParam("operation") String operation,
            @QueryParam("key") String key,
            @QueryParam("team") String team,
            @QueryParam("user") String user,
            @QueryParam("tag") String tag,
            @Context UriInfo uri) {
        ExportFormat exportFormat = parseFormat(format);
        Granularity rows = parseGranularity(granularity);
        UsageFilter filter = UsageFilter.of(operation, key, team, user, tag).withMetadata(uri.getQueryParameters());
        ExportQuery query = new ExportQuery(InstantParam.parse("from", from, Instant.EPOCH),
                InstantParam.parse("to", to, Instant.now().plusSeconds(1)), provider, model, rows, filter);
        if (!query.from().isBefore(query.to())) {
            throw new ApiException(400, "from must be before to", "from", null);
        }
        StreamingOutput body = out -> exporter.export(query, exportFormat, out);
        String name = rows == Granularity.REQUEST ? "switchboard-usage" : "switchboard-usage-" + granularity;
        return Response.ok(body, exportFormat.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "." + exportFormat.fileExtension() + "\"")
                .build();
    }

    private static ExportFormat parseFormat(String format) {
        try {
            return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "format '" + format + "' is not one of csv, json, ndjson", "format", null);
        }
    }

    private static Granularity parseGranularity(String granularity) {
        try {
            return Granularity.parse(granularity);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "granularity '" + granularity + "' is not one of request, hour, day",
                    "granularity", null);
        }
    }
}
