package dev.switchboard.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.switchboard.local.testing.LogCapture;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;

/**
 * Every read of telemetry holds callers' spend and errors: each needs the operations or the admin key, and only the
 * dashboard page itself, which holds no data, loads without one.
 */
@QuarkusTest
class ReadAccessTests {

    private static final List<String> READS = List.of("/telemetry", "/telemetry/history", "/telemetry/insights",
            "/telemetry/alerts", "/telemetry/export?format=csv", "/telemetry/requests", "/telemetry/spend",
            "/dashboard/view?hours=1");
    private static final String WRONG_KEY = "sb-wrong-telemetry-key-never-logged";

    @Inject
    UsageIngestor ingestor;

    @Test
    void everyReadNeedsTheOpsOrTheAdminKey() {
        for (String read : READS) {
            RestAssured.given()
                    .when().get(read)
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("error.code", is("invalid_api_key"));
            RestAssured.given().header("x-api-key", Ops.OPS_KEY).when().get(read).then().statusCode(200);
            RestAssured.given().header("Authorization", "Bearer " + Ops.ADMIN_KEY).when().get(read).then().statusCode(200);
        }
    }

    @Test
    void theDashboardPageLoadsWithoutAKeyAndCarriesNoData() {
        String provider = Event.unique("secret-spend");
        ingestor.ingest(Event.of(provider, "m").build());

        RestAssured.given()
                .when().get("/?hours=1")
                .then()
                .statusCode(200)
                .body(containsString("id=\"key-form\""))
                .body(not(containsString(provider)));
        Ops.given()
                .when().get("/dashboard/view?hours=1")
                .then()
                .statusCode(200)
                .body(containsString(provider));
    }

    @Test
    void aWrongKeyIsRefusedAndNeverLogged() {
        try (LogCapture log = LogCapture.start()) {
            RestAssured.given()
                    .header("Authorization", "Bearer " + WRONG_KEY)
                    .when().get("/telemetry/export?format=json")
                    .then()
                    .statusCode(401)
                    .body("error.message", is("Incorrect API key provided."));

            assertThat(log.text()).doesNotContain(WRONG_KEY).doesNotContain(Ops.OPS_KEY);
        }
    }
}
