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

import dev.switchboard.api.auth.Public;
import dev.switchboard.telemetry.alerts.AlertRepository;
import dev.switchboard.telemetry.attribution.SpendBy;
import dev.switchboard.telemetry.attribution.SpendGroup;
import dev.switchboard.telemetry.attribution.SpendRepository;
import dev.switchboard.telemetry.attribution.UsageFilter;
import dev.switchboard.telemetry.insights.InsightService;
import dev.switchboard.telemetry.stats.History;
import dev.switchboard.telemetry.stats.HistoryRepository;
import dev.switchboard.telemetry.stats.ModelStats;
import dev.switchboard.telemetry.stats.StatsRepository;

/**
 * The ops dashboard: a page anyone may load, which asks for the operations key and then fetches its data (figures,
 * alerts, insights, the series its charts are drawn from) with it.
 */
@Path("/")
@Tag(name = "dashboard")
public class DashboardResource {

    private static final List<Integer> RANGES = List.of(1, 6, 24, 168);
    /** The costliest keys and teams shown; the spend route has them all. */
    private static final int SPEND_ROWS = 20;

    private final Template dashboard;
    private final Template view;
    private final StatsRepository stats;
    private final HistoryRepository history;
    private final AlertRepository alerts;
    private final InsightService insights;
    private final SpendRepository spend;
    private final ObjectMapper mapper;

    public DashboardResource(@Location("dashboard.html") Template dashboard, @Location("dashboard-view.html") Template view,
            StatsRepository stats, HistoryRepository history, AlertRepository alerts, InsightService insights,
            SpendRepository spend, ObjectMapper mapper) {
        this.dashboard = dashboard;
        this.view = view;
        this.stats = stats;
        this.history = history;
        this.alerts = alerts;
        this.insights = insights;
        this.spend = spend;
        this.mapper = mapper;
    }

    @GET
    @Public
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The ops dashboard page; it holds no data, and asks for the key to fetch it")
    public TemplateInstance page(@QueryParam("hours") @DefaultValue("24") int hours) {
        return dashboard.data("ranges", RANGES).data("hours", range(hours));
    }

    @GET
    @Path("/dashboard/view")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dashboard's data as the markup the page shows (ops key)")
    public TemplateInstance view(@QueryParam("hours") @DefaultValue("24") int hours) throws SQLException {
        int range = range(hours);
        Instant now = Instant.now();
        Instant since = now.minus(Duration.ofHours(range));
        List<ModelStats> models = stats.stats(since, null, null);
        History series = history.history(now, range, range <= 6 ? "minute" : "hour", null, null);
        Instant from = now.minus(range, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        return view.data("page", Dashboard.of(range, RANGES, models, alerts.firing(),
                insights.insights(now, range).insights(), from, json(series), costliest(SpendBy.KEY, since),
                costliest(SpendBy.TEAM, since)));
    }

    private List<SpendGroup> costliest(SpendBy by, Instant since) throws SQLException {
        List<SpendGroup> groups = spend.spend(by, since, null, null, UsageFilter.NONE);
        return groups.size() > SPEND_ROWS ? groups.subList(0, SPEND_ROWS) : groups;
    }

    private static int range(int hours) {
        return RANGES.contains(hours) ? hours : 24;
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
