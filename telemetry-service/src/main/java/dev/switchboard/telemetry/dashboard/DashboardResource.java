package dev.switchboard.telemetry.dashboard;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import dev.switchboard.telemetry.alerts.AlertRepository;
import dev.switchboard.telemetry.insights.InsightService;
import dev.switchboard.telemetry.stats.History;
import dev.switchboard.telemetry.stats.HistoryRepository;
import dev.switchboard.telemetry.stats.ModelStats;
import dev.switchboard.telemetry.stats.StatsRepository;

/** The ops dashboard: charts drawn in the browser from data the page carries, alerts, insights and export links. */
@Path("/")
@Tag(name = "dashboard")
public class DashboardResource {

    private static final List<Integer> RANGES = List.of(1, 6, 24, 168);

    private final Template dashboard;
    private final StatsRepository stats;
    private final HistoryRepository history;
    private final AlertRepository alerts;
    private final InsightService insights;
    private final ObjectMapper mapper;

    public DashboardResource(@Location("dashboard.html") Template dashboard, StatsRepository stats,
            HistoryRepository history, AlertRepository alerts, InsightService insights, ObjectMapper mapper) {
        this.dashboard = dashboard;
        this.stats = stats;
        this.history = history;
        this.alerts = alerts;
        this.insights = insights;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The ops dashboard page")
    public TemplateInstance page(@QueryParam("hours") @DefaultValue("24") int hours) throws SQLException {
        int range = RANGES.contains(hours) ? hours : 24;
        Instant now = Instant.now();
        List<ModelStats> models = stats.stats(now.minus(Duration.ofHours(range)), null, null);
        History series = history.history(now, range, range <= 6 ? "minute" : "hour", null, null);
        Instant from = now.minus(range, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        return dashboard.data("page", Dashboard.of(range, RANGES, models, alerts.firing(),
                insights.insights(now, range).insights(), from, json(series)));
    }

    /** The series as JSON that is safe inside a script element. */
    private String json(History series) {
        try {
            return mapper.writeValueAsString(series).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history cannot be written as JSON", e);
        }
    }
}
