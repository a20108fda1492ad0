package dev.switchboard.registry.rest;

import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static dev.switchboard.registry.testing.Fixtures.awaitModelRecord;
import static dev.switchboard.registry.testing.Fixtures.ensureModel;
import static dev.switchboard.registry.testing.Fixtures.model;
import static dev.switchboard.registry.testing.Fixtures.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.service.CatalogFile;
import dev.switchboard.registry.service.CatalogUpsert;
import dev.switchboard.registry.testing.StubServices;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class PriceTests {

    private static final String PRICES = "/models/mock/dated/prices";

    @Inject
    CatalogUpsert upsert;

    @Test
    void costLookupsTakeThePriceInForceAndCorrectionsRewriteThePast() {
        ensureModel("mock", "dated", model("mock", "dated", "\"text\"", 8192, 1024, "fast", "good", false,
                price("1", "2", "2025-01-01T00:00:00Z")));
        asAdmin().body(price("2", "4", "2025-06-01T00:00:00Z")).when().post(PRICES).then().statusCode(201);

        assertInputPriceAt("2025-03-01T00:00:00Z", 1);
        assertInputPriceAt("2025-07-01T00:00:00Z", 2);
        given().queryParam("time", "2024-12-31T23:59:59Z").when().get(PRICES + "/at")
                .then().statusCode(404).body("error.code", is("price_not_found"));

        Instant beforeCorrection = Instant.now();
        asAdmin().body(price("1.2", "2.4", "2025-01-01T00:00:00Z")).when().post(PRICES)
                .then().statusCode(201).body("source", is("manual")).body("setAt", notNullValue());

        assertInputPriceAt("2025-03-01T00:00:00Z", 1.2f);
        assertInputPriceAt("2025-07-01T00:00:00Z", 2);
        given().when().get(PRICES).then().statusCode(200).body("", hasSize(3))
                .body("[0].effectiveFrom", is("2025-06-01T00:00:00Z"));

        List<Map<String, Object>> changes = given().queryParam("since", beforeCorrection.toString())
                .when().get("/prices")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.id == 'mock/dated' }");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).extractingByKey("price").asString().contains("effectiveFrom=2025-01-01T00:00:00Z");

        given().queryParam("time", "yesterday").when().get(PRICES + "/at").then().statusCode(400)
                .body("error.param", is("time"));
    }

    @Test
    void everyKindOfTokenHasItsPriceInTheApiAndOnTheTopic() {
        ensureModel("mock", "kinds", model("mock", "kinds", "\"text\"", 8192, 1024, "fast", "good", false, "null"));
        String everyKind = """
                {"inputCostPerMillion":3,"outputCostPerMillion":15,"cachedInputCostPerMillion":0.3,
                 "cacheWriteCostPerMillion":3.75,"cacheWrite1hCostPerMillion":6,"reasoningCostPerMillion":20,
                 "effectiveFrom":"2025-01-01T00:00:00Z","sourceReference":"test"}""";
        asAdmin().body(everyKind).when().post("/models/mock/kinds/prices").then().statusCode(201)
                .body("cacheWriteCostPerMillion", is(3.75f))
                .body("cacheWrite1hCostPerMillion", is(6));

        given().queryParam("time", "2025-06-01T00:00:00Z").when().get("/models/mock/kinds/prices/at")
                .then().statusCode(200)
                .body("cachedInputCostPerMillion", is(0.3f))
                .body("cacheWriteCostPerMillion", is(3.75f))
                .body("cacheWrite1hCostPerMillion", is(6))
                .body("reasoningCostPerMillion", is(20));
        given().when().get("/models/mock/kinds").then().statusCode(200)
                .body("price.cacheWrite1hCostPerMillion", is(6));
        awaitModelRecord("mock/kinds", "\"cacheWrite1hCostPerMillion\":6");

        asAdmin().body(everyKind.replace("\"cacheWrite1hCostPerMillion\":6", "\"cacheWrite1hCostPerMillion\":-6"))
                .when().post("/models/mock/kinds/prices")
                .then().statusCode(400).body("error.param", is("cacheWrite1hCostPerMillion"));
        asAdmin().body(everyKind.replace("\"cacheWriteCostPerMillion\":3.75", "\"cacheWriteCostPerMillion\":1000000"))
                .when().post("/models/mock/kinds/prices")
                .then().statusCode(400).body("error.param", is("cacheWriteCostPerMillion"));
    }

    @Test
    void instantsBeyondFourDigitYearsAre400s() {
        given().queryParam("time", "+999999-01-01T00:00:00Z").when().get("/models/mock/echo/prices/at")
                .then().statusCode(400).body("error.param", is("time"));
        given().queryParam("since", "-999999-01-01T00:00:00Z").when().get("/prices")
                .then().statusCode(400).body("error.param", is("since"));
    }

    @Test
    void aManualPriceWinsUntilANewerCatalogIsAccepted() {
        upsert.apply(catalog("2026-01-01", "Reconciled", "1", "2"));
        given().when().get("/models/mock/reconciled").then().statusCode(200)
                .body("price.source", is("catalog")).body("price.catalogVersion", is("2026-01-01"));

        asAdmin().body(price("1.5", "2.5", null)).when().post("/models/mock/reconciled/prices").then().statusCode(201);
        asAdmin().body(model("mock", "reconciled", "\"text\",\"code\"", 8192, 1024, "fast", "high", false, "null"))
                .when().put("/models/mock/reconciled").then().statusCode(200);

        var older = upsert.apply(catalog("2026-06-01", "Catalog name", "3", "4"));
        assertThat(older.pricesPending()).isZero();
        given().when().get("/models/mock/reconciled").then()
                .body("price.inputCostPerMillion", is(1.5f))
                .body("pendingPrice", nullValue())
                .body("displayName", is("reconciled"))
                .body("qualityTier", is("high"));

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        var newer = upsert.apply(catalog(tomorrow, "Catalog name", "3", "4"));
        assertThat(newer.pricesPending()).isEqualTo(1);
        assertThat(upsert.apply(catalog(tomorrow, "Catalog name", "3", "4")).pricesPending()).isZero();
        given().when().get("/models/mock/reconciled").then()
                .body("price.inputCostPerMillion", is(1.5f))
                .body("pendingPrice.inputCostPerMillion", is(3))
                .body("pendingPrice.status", is("pending"));

        asAdmin().when().post("/models/mock/reconciled/prices/accept").then().statusCode(200).body("status", is("active"));
        given().when().get("/models/mock/reconciled").then()
                .body("price.inputCostPerMillion", is(3))
                .body("price.source", is("catalog"))
                .body("pendingPrice", nullValue());
        awaitModelRecord("mock/reconciled", "\"inputCostPerMillion\":3");
        asAdmin().when().post("/models/mock/reconciled/prices/accept").then().statusCode(404)
                .body("error.code", is("no_pending_price"));
    }

    private static void assertInputPriceAt(String time, Object expected) {
        given().queryParam("time", time).when().get(PRICES + "/at")
                .then().statusCode(200).body("inputCostPerMillion", is(expected));
    }

    private static CatalogFile catalog(String version, String displayName, String input, String output) {
        var price = new CatalogFile.CatalogPrice(new BigDecimal(input), new BigDecimal(output), null, null, null, null,
                LocalDate.of(2026, 1, 1), "test catalog", "provider-page", null);
        var model = new CatalogFile.CatalogModel("mock", "reconciled", displayName, null, List.of("text"), 8192, 1024,
                "fast", "good", false, false, null, List.of(), price);
        return new CatalogFile(version, List.of(new CatalogFile.CatalogProvider("mock", "local", "mock", null)),
                List.of(model));
    }
}
