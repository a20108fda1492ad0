package dev.switchboard.registry.governance;

import static dev.switchboard.registry.testing.Fixtures.ADMIN_KEY;
import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import dev.switchboard.contracts.Topics;
import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.local.testing.TopicReader;
import dev.switchboard.registry.testing.StubServices;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class KeyAdminTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void keyIsCreatedWithItsSecretShownOnceAndPublishedAsAHashOnly() throws Exception {
        String name = unique("billing");
        var created = asAdmin()
                .body("""
                        {"name":"%s","models":["mock/echo","openai/*","fast","auto"],"maxBudgetUsd":12.5,
                         "budgetPeriod":"monthly","rpm":60,"tpm":100000,"maxParallel":4,
                         "expiresAt":"2099-01-01T00:00:00Z","metadata":{"owner":"billing"}}
                        """.formatted(name))
                .when().post("/admin/keys")
                .then()
                .statusCode(201)
                .body("id", startsWith("key_"))
                .body("key", startsWith("sb-"))
                .body("name", is(name))
                .body("models", contains("mock/echo", "openai/*", "fast", "auto"))
                .body("maxBudgetUsd", is(12.5f))
                .body("budgetPeriod", is("monthly"))
                .body("rpm", is(60))
                .body("maxParallel", is(4))
                .body("spendUsd", is(0))
                .body("remainingUsd", is(12.5f))
                .body("resetsAt", notNullValue())
                .body("revoked", is(false))
                .extract();
        String id = created.path("id");
        String secret = created.path("key");
        assertThat(created.header("Location")).endsWith("/admin/keys/" + id);

        String shown = asAdmin().when().get("/admin/keys/" + id)
                .then()
                .statusCode(200)
                .body("keyHint", is(secret.substring(0, 5) + "..." + secret.substring(secret.length() - 4)))
                .body("metadata.owner", is("billing"))
                .extract().asString();
        assertThat(shown).doesNotContain(secret).doesNotContain("\"key\"");
        assertThat(asAdmin().queryParam("name", name).when().get("/admin/keys").asString()).doesNotContain(secret);

        JsonNode state = JSON.readTree(awaitKeyRecord(id, "\"change\":\"created\"").value());
        assertThat(state.path("secretSha256").asText()).isEqualTo(sha256(secret));
        assertThat(state.toString()).doesNotContain(secret);
        assertThat(state.at("/limits/rpm").asInt()).isEqualTo(60);
        assertThat(state.at("/limits/budgetPeriod").asText()).isEqualTo("monthly");
        assertThat(state.path("team").isNull()).isTrue();
    }

    @Test
    void rotationReplacesTheSecretAndRevocationIsPublished() throws Exception {
        var created = asAdmin().body("{\"name\":\"" + unique("rotating") + "\"}").when().post("/admin/keys")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String first = created.path("key");

        String second = asAdmin().when().post("/admin/keys/" + id + "/rotate")
                .then()
                .statusCode(200)
                .body("key", startsWith("sb-"))
                .body("rotatedAt", notNullValue())
                .extract().path("key");
        assertThat(second).isNotEqualTo(first);
        JsonNode rotated = JSON.readTree(awaitKeyRecord(id, "\"change\":\"rotated\"").value());
        assertThat(rotated.path("secretSha256").asText()).isEqualTo(sha256(second));

        asAdmin().when().delete("/admin/keys/" + id)
                .then()
                .statusCode(200)
                .body("revoked", is(true))
                .body("revokedAt", notNullValue())
                .body("key", nullValue());
        assertThat(JSON.readTree(awaitKeyRecord(id, "\"change\":\"revoked\"").value()).path("revoked").asBoolean())
                .isTrue();
        asAdmin().when().delete("/admin/keys/" + id).then().statusCode(200).body("revoked", is(true));
        asAdmin().when().post("/admin/keys/" + id + "/rotate").then().statusCode(409).body("error.code", is("key_revoked"));
        asAdmin().body("{\"rpm\":5}").when().patch("/admin/keys/" + id).then().statusCode(409);
    }

    @Test
    void patchChangesOnlyTheNamedFieldsAndNullClearsOne() {
        String id = asAdmin().body("{\"name\":\"" + unique("patched") + "\",\"rpm\":10,\"tpm\":500}")
                .when().post("/admin/keys").then().statusCode(201).extract().path("id");

        asAdmin().body("{\"rpm\":null,\"maxBudgetUsd\":3,\"budgetPeriod\":\"daily\"}")
                .when().patch("/admin/keys/" + id)
                .then()
                .statusCode(200)
                .body("rpm", nullValue())
                .body("tpm", is(500))
                .body("maxBudgetUsd", is(3))
                .body("budgetPeriod", is("daily"));
        awaitKeyRecord(id, "\"budgetPeriod\":\"daily\"");
    }

    @Test
    void teamLimitsTravelWithEveryKeyOfTheTeam() throws Exception {
        String teamName = unique("search");
        String teamId = asAdmin()
                .body("{\"name\":\"" + teamName + "\",\"maxBudgetUsd\":100,\"budgetPeriod\":\"weekly\",\"rpm\":600,"
                        + "\"models\":[\"mock/*\"],\"metadata\":{\"cost-centre\":\"42\"}}")
                .when().post("/admin/teams")
                .then()
                .statusCode(201)
                .body("id", startsWith("team_"))
                .body("keys", is(0))
                .body("remainingUsd", is(100))
                .extract().path("id");
        String keyId = asAdmin().body("{\"name\":\"" + unique("indexer") + "\",\"team\":\"" + teamName + "\"}")
                .when().post("/admin/keys")
                .then().statusCode(201).body("team", is(teamId)).body("teamName", is(teamName)).extract().path("id");

        asAdmin().queryParam("team", teamName).when().get("/admin/keys").then().statusCode(200).body("id", contains(keyId));
        asAdmin().queryParam("team", teamId).when().get("/admin/keys").then().body("id", contains(keyId));
        asAdmin().queryParam("team", "no-such-team").when().get("/admin/keys").then().body("$", empty());
        asAdmin().when().get("/admin/teams/" + teamId).then().statusCode(200).body("keys", is(1))
                .body("metadata.cost-centre", is("42"));
        asAdmin().when().get("/admin/teams").then().body("name", hasItem(teamName));

        asAdmin().body("{\"rpm\":300}").when().patch("/admin/teams/" + teamId).then().statusCode(200).body("rpm", is(300));
        JsonNode state = JSON.readTree(awaitKeyRecord(keyId, "\"rpm\":300").value());
        assertThat(state.at("/team/id").asText()).isEqualTo(teamId);
        assertThat(state.at("/team/limits/maxBudgetUsd").asInt()).isEqualTo(100);
        assertThat(state.at("/team/limits/budgetPeriod").asText()).isEqualTo("weekly");
        assertThat(state.at("/team/models/0").asText()).isEqualTo("mock/*");

        asAdmin().when().delete("/admin/teams/" + teamId).then().statusCode(409).body("error.code", is("team_has_keys"));
        asAdmin().when().delete("/admin/keys/" + keyId).then().statusCode(200);
        asAdmin().when().delete("/admin/teams/" + teamId).then().statusCode(204);
        asAdmin().when().get("/admin/teams/" + teamId).then().statusCode(404).body("error.code", is("team_not_found"));
        asAdmin().when().get("/admin/keys/" + keyId).then().statusCode(200).body("team", nullValue());
    }

    @Test
    void takenNamesAreA409AndARevokedKeyFreesItsName() {
        String team = unique("dup-team");
        asAdmin().body("{\"name\":\"" + team + "\"}").when().post("/admin/teams").then().statusCode(201);
        asAdmin().body("{\"name\":\"" + team + "\"}").when().post("/admin/teams")
                .then().statusCode(409).body("error.code", is("name_taken")).body("error.param", is("name"));

        String key = unique("dup-key");
        String id = asAdmin().body("{\"name\":\"" + key + "\"}").when().post("/admin/keys").then().statusCode(201)
                .extract().path("id");
        asAdmin().body("{\"name\":\"" + key + "\"}").when().post("/admin/keys")
                .then().statusCode(409).body("error.code", is("name_taken"));
        String other = asAdmin().body("{\"name\":\"" + unique("other") + "\"}").when().post("/admin/keys")
                .then().statusCode(201).extract().path("id");
        asAdmin().body("{\"name\":\"" + key + "\"}").when().patch("/admin/keys/" + other).then().statusCode(409);

        asAdmin().when().delete("/admin/keys/" + id).then().statusCode(200);
        asAdmin().body("{\"name\":\"" + key + "\"}").when().post("/admin/keys").then().statusCode(201);
    }

    @Test
    void everyBadFieldIsA400NamingIt() {
        refused("{\"name\":\"x\",\"maxBudgetUsd\":-1}", "maxBudgetUsd");
        refused("{\"name\":\"x\",\"maxBudgetUsd\":\"ten\"}", "maxBudgetUsd");
        refused("{\"name\":\"x\",\"maxBudgetUsd\":1.1234567}", "maxBudgetUsd");
        refused("{\"name\":\"x\",\"maxBudgetUsd\":1e15}", "maxBudgetUsd");
        refused("{\"name\":\"x\",\"budgetPeriod\":\"hourly\"}", "budgetPeriod");
        refused("{\"name\":\"x\",\"rpm\":0}", "rpm");
        refused("{\"name\":\"x\",\"rpm\":1.5}", "rpm");
        refused("{\"name\":\"x\",\"tpm\":-5}", "tpm");
        refused("{\"name\":\"x\",\"maxParallel\":0}", "maxParallel");
        refused("{\"name\":\"x\",\"models\":[\"mock/no-such-model\"]}", "models[0]");
        refused("{\"name\":\"x\",\"models\":[\"mock/echo\",\"nobody/*\"]}", "models[1]");
        refused("{\"name\":\"x\",\"models\":[\"turbo\"]}", "models[0]");
        refused("{\"name\":\"x\",\"models\":\"mock/echo\"}", "models");
        refused("{\"name\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "expiresAt");
        refused("{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}", "expiresAt");
        refused("{\"name\":\"x\",\"metadata\":{\"a\":1}}", "metadata.a");
        refused("{\"name\":\"x\",\"metadata\":[]}", "metadata");
        refused("{\"name\":\"x\",\"team\":\"no-such-team\"}", "team");
        refused("{\"name\":\"x\",\"budget\":5}", "budget");
        refused("{\"name\":\"\"}", "name");
        refused("{\"name\":\"" + "n".repeat(129) + "\"}", "name");
        refused("{\"rpm\":5}", "name");
        asAdmin().body("[]").when().post("/admin/keys").then().statusCode(400);
        asAdmin().body("{\"name\":").when().post("/admin/keys").then().statusCode(400)
                .body("error.type", is("invalid_request_error"));
        asAdmin().body("{\"name\":\"x\",\"maxParallel\":3}").when().post("/admin/teams")
                .then().statusCode(400).body("error.param", is("maxParallel"));
        asAdmin().body("{\"name\":\"x\",\"rpm\":0}").when().post("/admin/teams")
                .then().statusCode(400).body("error.param", is("rpm"));
        asAdmin().body("{}").when().patch("/admin/keys/key_none").then().statusCode(404).body("error.code",
                is("key_not_found"));
        asAdmin().queryParam("name", "x").when().get("/admin/keys").then().statusCode(200).body("name", not(hasItem("x")));
    }

    @Test
    void everyRouteNeedsTheAdminKey() {
        given().when().get("/admin/keys").then().statusCode(401).body("error.code", is("invalid_api_key"));
        given().header("Authorization", "Bearer not-" + ADMIN_KEY).when().get("/admin/teams").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"name\":\"sneaky\"}").when().post("/admin/keys")
                .then().statusCode(401);
        given().header("Authorization", "Bearer test-ops-key").when().get("/admin/keys")
                .then().statusCode(403).body("error.code", is("permission_denied"));
    }

    private static void refused(String body, String param) {
        asAdmin().body(body).when().post("/admin/keys")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is(param));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String sha256(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    static ConsumerRecord<String, String> awaitKeyRecord(String keyId, String valueContains) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicReader reader = TopicReader.wholeTopic(bootstrap, Topics.KEYS)) {
            return reader.await(record -> keyId.equals(record.key()) && record.value() != null
                    && record.value().contains(valueContains), Duration.ofSeconds(20));
        }
    }
}
