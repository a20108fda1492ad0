package dev.switchboard.telemetry.alerts;

import java.sql.SQLException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alerts firing now, their history and the rules they come from. */
@Path("/telemetry/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry")
public class AlertResource {

    private final AlertRepository alerts;
    private final AlertRules rules;

    public AlertResource(AlertRepository alerts, AlertRules rules) {
        this.alerts = alerts;
        this.rules = rules;
    }

    @GET
    @Operation(summary = "Firing alerts, the latest alerts of any status (newest first) and the configured rules")
    public AlertsView alerts(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) throws SQLException {
        return new AlertsView(alerts.firing(), alerts.history(limit), rules.all());
    }
}
