package dev.switchboard.telemetry.dashboard;

import static dev.switchboard.telemetry.testing.Ops.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.Attribution;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Stub;

/** The dashboard's markup shows the range's spend per key and per team, with their names. */
@QuarkusTest
class DashboardSpendTests {

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @Test
    void theDashboardShowsSpendPerKeyAndPerTeam() {
        String provider = Event.unique("dash-spend");
        new Stub(stubUrl).model(provider, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1000000", null, "0", "catalog")));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String keyId = "key-dash-" + suffix;
        String teamId = "team-dash-" + suffix;
        // 1000 input tokens at a million USD a million: 1000 USD, the costliest key and team of any test.
        ingestor.ingest(Event.of(provider, "m").key(keyId).tokens(1000, 0, 0)
                .attributed(new Attribution("dash-svc-" + suffix, teamId, "Dash team " + suffix, null, Map.of(),
                        List.of(), null, null))
                .build());

        String view = given()
                .when().get("/dashboard/view?hours=1")
                .then()
                .statusCode(200)
                .extract().asString();
        String keys = table(view, "key-spend");
        assertThat(keys).contains("<td>" + keyId + "</td><td>dash-svc-" + suffix + "</td><td>1</td><td>1000/0</td>",
                "<td>1000.0000</td>");
        String teams = table(view, "team-spend");
        assertThat(teams).contains("<td>" + teamId + "</td><td>Dash team " + suffix + "</td><td>1</td>",
                "<td>1000.0000</td>");
    }

    private static String table(String view, String id) {
        int start = view.indexOf("<table id=\"" + id + "\">");
        assertThat(start).as("table " + id).isNotNegative();
        return view.substring(start, view.indexOf("</table>", start));
    }
}
