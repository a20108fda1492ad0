package dev.switchboard.telemetry.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.contracts.LoggedBodies;
import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.RowCount;

/**
 * The request log: calls grouped from their attempts, filtered and paged, the whole story of one call, bodies only
 * when the call's log was full and then masked, behind the operations or admin key.
 */
@QuarkusTest
class RequestLogTests {

    private static final String OPS = "Bearer test-ops-key";
    private static final String ADMIN = "Bearer test-admin-key";
    private static final String SECRETS = "my key is sk-proj-abcdefghijklmnop1234, header Authorization: Bearer "
            + "eyJhbGciOiJIUzI1NiJ9.e30.sig, mail jane.doe@example.com, call +1 415-555-0123 or (030) 1234 5678,"
            + " card 4111 1111 1111 1111, also 5500-0000-0000-0004";

    @Inject
    UsageIngestor ingestor;

    @Inject
    BodyMasker masker;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Test
    void everyConfiguredKindOfSecretAndPersonalDataIsMasked() {
        String masked = masker.mask(mapper.createObjectNode().put("content", SECRETS)).get("content").asText();

        assertThat(masked).doesNotContain("sk-proj-abcdefghijklmnop1234", "eyJhbGciOiJIUzI1NiJ9", "jane.doe@example.com",
                "415-555-0123", "1234 5678", "4111 1111 1111 1111", "5500-0000-0000-0004");
        assertThat(masked).contains("[masked:api-key]", "[masked:bearer]", "[masked:email]", "[masked:phone]",
                "[masked:card]");
    }

    @Test
    void aFullLogStoresTheBodiesMaskedAndAMetadataLogStoresNone() throws Exception {
        String provider = Event.unique("bodies");
        ObjectNode request = mapper.createObjectNode().put("model", "m");
        request.putArray("messages").addObject().put("role", "user").put("content", SECRETS);
        ObjectNode answer = mapper.createObjectNode().put("id", "chatcmpl-1").put("created", 1741569952);
        UsageEvent full = Event.of(provider, "m").build().toBuilder()
                .bodies(new LoggedBodies(request, answer)).build();
        UsageEvent metadata = Event.of(provider, "m").build();
        ingestor.ingest(full);
        ingestor.ingest(metadata);

        JsonNode story = mapper.readTree(given()
                .header("Authorization", OPS)
                .when().get("/telemetry/requests/{id}", full.requestId())
                .then()
                .statusCode(200)
                .extract().asString());
        String stored = story.at("/attempts/0/request/messages/0/content").asText();
        assertThat(stored).contains("[masked:email]").doesNotContain("jane.doe@example.com", "4111 1111 1111 1111");
        assertThat(story.at("/attempts/0/response/created").asLong()).isEqualTo(1741569952L);

        given()
                .header("Authorization", OPS)
                .when().get("/telemetry/requests/{id}", metadata.requestId())
                .then()
                .statusCode(200)
                .body("attempts[0].request", nullValue())
                .body("attempts[0].response", nullValue());
        assertThat(bodiesStored(metadata.requestId())).isZero();
        assertThat(bodiesStored(full.requestId())).isOne();
    }

    @Test
    void anOffLogLeavesNoRowInTheRequestLogWhileTheAttemptStillCounts() {
        String provider = Event.unique("off");
        UsageEvent off = Event.of(provider, "m").tokens(100, 20, 0).build().toBuilder()
                .requestLog(RequestLogLevel.OFF).build();
        UsageEvent logged = Event.of(provider, "m").build().toBuilder().requestLog(RequestLogLevel.METADATA).build();
        ingestor.ingest(off);
        ingestor.ingest(logged);

        given().header("Authorization", OPS).queryParam("provider", provider)
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(1)).body("data.requestId", contains(logged.requestId()));
        given().header("Authorization", OPS)
                .when().get("/telemetry/requests/{id}", off.requestId())
                .then().statusCode(404).body("error.code", is("request_not_found"));
        given().header("Authorization", OPS).queryParam("provider", provider)
                .when().get("/telemetry")
                .then().statusCode(200)
                .body("models[0].requests", is(2))
                .body("models[0].inputTokens", is(100 + (int) logged.inputTokens()));
    }

    @Test
    void aFailedCallWithAnOffLogIsCountedButNotListedAmongRecentErrors() {
        String provider = Event.unique("off-error");
        UsageEvent off = Event.of(provider, "m").failed(ErrorClass.SERVER_ERROR, "quiet failure").build().toBuilder()
                .requestLog(RequestLogLevel.OFF).build();
        UsageEvent logged = Event.of(provider, "m").failed(ErrorClass.SERVER_ERROR, "listed failure").build();
        ingestor.ingest(off);
        ingestor.ingest(logged);

        given().header("Authorization", OPS).queryParam("provider", provider)
                .when().get("/telemetry")
                .then().statusCode(200)
                .body("models[0].failures", is(2))
                .body("models[0].recentErrors.requestId", contains(logged.requestId()))
                .body("models[0].recentErrors.message", contains("listed failure"));
    }

    @Test
    void aCallIsListedWithItsAttemptsAndTheirTimings() throws Exception {
        String provider = Event.unique("story");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);
        String requestId = "req-" + provider;
        String team = "team-" + provider;
        ingestor.ingest(Event.of(provider, "first").requestId(requestId).at(start).latency(100)
                .failed(ErrorClass.RATE_LIMITED, "slow down").tokens(0, 0, 0)
                .attributed("research-key", team, "user-42", "batch", "eval").build().toBuilder()
                .traceId("0af7651916cd43dd8448eb211c80319c").build());
        ingestor.ingest(Event.of(provider, "second").requestId(requestId).attempt(2).at(start.plusMillis(300))
                .latency(200).route("quality_optimized", "general", true)
                .attributed("research-key", team, "user-42", "batch", "eval").build().toBuilder()
                .traceId("0af7651916cd43dd8448eb211c80319c").timings(new AttemptTimings(1L, 2L, 3L, 40L, 190L, 4L))
                .build());

        given()
                .header("Authorization", OPS)
                .queryParam("team", team)
                .queryParam("key", "research-key")
                .when().get("/telemetry/requests")
                .then()
                .statusCode(200)
                .body("total", is(1))
                .body("data[0].requestId", is(requestId))
                .body("data[0].caller.keyId", is("key-test"))
                .body("data[0].caller.teamId", is(team))
                .body("data[0].attempts", is(2))
                .body("data[0].model", is("second"))
                .body("data[0].outcome", is("success"))
                .body("data[0].latencyMs", is(500))
                .body("data[0].traceId", is("0af7651916cd43dd8448eb211c80319c"));
        given()
                .header("Authorization", ADMIN)
                .when().get("/telemetry/requests/{id}", requestId)
                .then()
                .statusCode(200)
                .body("summary.traceId", is("0af7651916cd43dd8448eb211c80319c"))
                .body("summary.attempts", is(2))
                .body("summary.caller.keyName", is("research-key"))
                .body("summary.caller.user", is("user-42"))
                .body("summary.caller.tags", contains("batch", "eval"))
                .body("attempts.model", contains("first", "second"))
                .body("attempts[0].errorClass", is("rate_limited"))
                .body("attempts[0].errorMessage", is("slow down"))
                .body("attempts[0].latencyMs", is(100))
                .body("attempts[1].latencyMs", is(200))
                .body("attempts[1].startedAt", is(start.plusMillis(300).toString()))
                .body("attempts[1].timings.routerMs", is(1))
                .body("attempts[1].timings.toAdapterMs", is(2))
                .body("attempts[1].timings.firstTokenMs", is(40))
                .body("attempts[1].fallback", is(true))
                .body("attempts[1].timings.connectMs", is(3))
                .body("attempts[1].timings.lastTokenMs", is(190))
                .body("attempts[1].timings.backMs", is(4));
    }

    @Test
    void filtersNarrowTheListAndPagesWalkIt() {
        String provider = Event.unique("filters");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ingestor.ingest(Event.of(provider, "a").at(now.minusSeconds(30)).latency(50).build());
        ingestor.ingest(Event.of(provider, "a").at(now.minusSeconds(20)).latency(900).build());
        ingestor.ingest(Event.of(provider, "b").at(now.minusSeconds(10)).latency(60)
                .failed(ErrorClass.SERVER_ERROR, "boom").build());

        given().header("Authorization", OPS).queryParam("provider", provider).queryParam("team", "no-such-team")
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(0));
        given().header("Authorization", OPS).queryParam("provider", provider).queryParam("outcome", "error")
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(1)).body("data[0].model", is("b"));
        given().header("Authorization", OPS).queryParam("provider", provider).queryParam("minLatencyMs", 500)
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(1)).body("data[0].latencyMs", is(900));
        given().header("Authorization", OPS).queryParam("provider", provider).queryParam("model", "a")
                .queryParam("key", "key-test").queryParam("from", now.minusSeconds(25).toString())
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(1));
        given().header("Authorization", OPS).queryParam("provider", provider).queryParam("size", 2)
                .queryParam("page", 1)
                .when().get("/telemetry/requests")
                .then().statusCode(200).body("total", is(3)).body("data.model", contains("a")).body("page", is(1));
    }

    @Test
    void theLogNeedsTheOperationsOrAdminKeyAndRefusesBadInputClearly() {
        given().when().get("/telemetry/requests").then().statusCode(401).body("error.code", is("invalid_api_key"));
        given().header("Authorization", "Bearer wrong").when().get("/telemetry/requests/x")
                .then().statusCode(401);
        given().header("Authorization", OPS).queryParam("outcome", "bogus").when().get("/telemetry/requests")
                .then().statusCode(400).body("error.param", is("outcome"));
        given().header("Authorization", OPS).queryParam("size", 0).when().get("/telemetry/requests")
                .then().statusCode(400).body("error.param", is("size"));
        given().header("Authorization", OPS).queryParam("from", "yesterday").when().get("/telemetry/requests")
                .then().statusCode(400).body("error.param", is("from"));
        given().header("Authorization", OPS).when().get("/telemetry/requests/{id}", "req-never-seen")
                .then().statusCode(404).body("error.code", is("request_not_found"));
    }

    private long bodiesStored(String requestId) throws Exception {
        return RowCount.of(dataSource, "SELECT count(*) FROM request_body WHERE request_id = ?", requestId);
    }
}
