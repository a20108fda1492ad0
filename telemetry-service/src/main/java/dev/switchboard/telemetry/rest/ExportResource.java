package dev.switchboard.telemetry.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.telemetry.ExportFormat;
import dev.switchboard.telemetry.ExportQuery;
import dev.switchboard.telemetry.service.UsageExporter;

/** Streams usage rows as RFC 4180 CSV, a JSON array or NDJSON. */
@Path("/telemetry/export")
@Tag(name = "telemetry")
public class ExportResource {

    private final UsageExporter exporter;

    public ExportResource(UsageExporter exporter) {
        this.exporter = exporter;
    }

    @GET
    @Operation(summary = "One row per request attempt, oldest first")
    public Response export(
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("granularity") @DefaultValue("request") String granularity,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("provider") String provider,
            @QueryParam("model") String model) {
        ExportFormat exportFormat = parseFormat(format);
        if (!"request".equals(granularity)) {
            throw new BadRequestException("granularity '" + granularity + "' is not supported; use request");
        }
        ExportQuery query = new ExportQuery(parseInstant("from", from, Instant.EPOCH),
                parseInstant("to", to, Instant.now().plusSeconds(1)), provider, model);
        StreamingOutput body = out -> exporter.export(query, exportFormat, out);
        return Response.ok(body, exportFormat.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"switchboard-usage." + exportFormat.fileExtension() + "\"")
                .build();
    }

    private static ExportFormat parseFormat(String format) {
        try {
            return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("format '" + format + "' is not one of csv, json, ndjson");
        }
    }

    private static Instant parseInstant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z");
        }
    }
}
