package dev.switchboard.registry.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.switchboard.registry.rest.SyncTests.catalog;
import static dev.switchboard.registry.rest.SyncTests.discover;
import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import dev.switchboard.local.testing.KafkaTestResource;
import dev.switchboard.local.testing.PostgresTestResource;
import dev.switchboard.registry.testing.StubServices;

/**
 * Sources a sync must survive: each changes nothing (the catalog and the price rows read the same after) and says
 * why; one bad entry skips that entry only. The test profile bounds a fetch at 5 s.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubServices.class, restrictToAnnotatedClass = false)
class SyncBadInputTests {

    private static final WireMockServer SOURCE = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private String catalogBefore;
    private Instant before;

    @BeforeAll
    static void startSource() {
        SOURCE.start();
    }

    @AfterAll
    static void stopSource() {
        SOURCE.stop();
    }

    @BeforeEach
    void snapshot() {
        catalogBefore = catalog();
        before = Instant.now();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(catalog()).isEqualTo(catalogBefore);
        given().queryParam("since", before.toString()).when().get("/prices").then().body("size()", is(0));
    }

    @Test
    void anUnreachableSourceIsA502() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        refused("http://127.0.0.1:" + closedPort + "/models", 502, "source_unreachable")
                .body("error.message", containsString("could not be read"));
    }

    @Test
    void aSourceAnsweringAnErrorIsA502() {
        SOURCE.stubFor(get("/down").willReturn(aResponse().withStatus(503).withBody("maintenance")));
        refused(url("/down"), 502, "source_unreachable").body("error.message", containsString("HTTP 503"));
    }

    @Test
    void aSourceSlowToAnswerIsCutOffAtTheTimeout() {
        SOURCE.stubFor(get("/slow").willReturn(okJson("{\"data\":[]}").withFixedDelay(40_000)));
        long started = System.nanoTime();
        refused(url("/slow"), 504, "source_timeout").body("error.message", containsString("5 s"));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
    }

    @Test
    void aSourceThatTricklesItsBodyIsCutOffAtTheTimeout() {
        SOURCE.stubFor(get("/trickle").willReturn(okJson(SyncTests.fixture("openrouter-models.json"))
                .withChunkedDribbleDelay(100, 40_000)));
        long started = System.nanoTime();
        refused(url("/trickle"), 504, "source_timeout");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
    }

    @Test
    void aSourceThatIsNotJsonIsA422() {
        SOURCE.stubFor(get("/html").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Rate limited, try later</body></html>")));
        refused(url("/html"), 422, "source_invalid").body("error.message", containsString("not valid JSON"));
        SOURCE.stubFor(get("/cut").willReturn(okJson("{\"data\":[{\"id\":\"openai/gpt-4o-mini\",\"context_len")));
        refused(url("/cut"), 422, "source_invalid").body("error.message", containsString("not valid JSON"));
    }

    @Test
    void aSourceInNeitherFormatIsA422() {
        SOURCE.stubFor(get("/array").willReturn(okJson("[{\"id\":\"openai/gpt-4o-mini\"}]")));
        refused(url("/array"), 422, "source_invalid").body("error.message", containsString("JSON array"));
        SOURCE.stubFor(get("/other").willReturn(okJson("{\"object\":\"list\",\"models\":[{\"name\":\"x\"}],"
                + "\"meta\":{\"page\":1}}")));
        refused(url("/other"), 422, "source_invalid").body("error.message", containsString("neither"));
        SOURCE.stubFor(get("/empty").willReturn(okJson("")));
        refused(url("/empty"), 422, "source_invalid");
    }

    @Test
    void tenMillionModelsAreRefusedWithoutReadingThemAll() throws IOException {
        // Ten million entries are hundreds of megabytes: a server that writes them as they are read stands in for
        // the stub here, and stops when the registry hangs up.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 10_000_000; i++) {
                    out.write(((i == 0 ? "" : ",") + "{\"id\":\"acme/m" + i + "\",\"context_length\":8192,"
                            + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}").getBytes(StandardCharsets.US_ASCII));
                }
                out.write("]}".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException hungUp) {
                // The registry stopped reading, as it should.
            }
        });
        server.start();
        try {
            long started = System.nanoTime();
            refused("http://127.0.0.1:" + server.getAddress().getPort() + "/huge", 422, "source_invalid")
                    .body("error.message", containsString("more than 50000 models"));
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nonsenseEntriesAreSkippedEachWithItsReasonAndTheRestIsTaken() {
        SOURCE.stubFor(get("/nonsense").willReturn(okJson("""
                {"data":[
                  {"id":"acme/negative","context_length":8192,"pricing":{"prompt":"-0.000001","completion":"0.000002"}},
                  {"id":"acme/no-window","context_length":0,"pricing":{"prompt":"0.000001","completion":"0.000002"}},
                  {"id":"acme/absurd","context_length":8192,"pricing":{"prompt":"5","completion":"0.000002"}},
                  {"id":"acme/words","context_length":"large","pricing":{"prompt":"0.000001","completion":"0.000002"}},
                  {"id":"acme/spaced id","context_length":8192},
                  "not a model",
                  {"id":"acme/fine","name":"Acme Fine","context_length":32768,
                   "pricing":{"prompt":"0.000001","completion":"0.000002"}}
                ]}""")));

        sync(url("/nonsense"))
                .body("read", is(7))
                .body("forSwitchboard", is(1))
                .body("skippedTotal", is(6))
                .body("skipped.find { it.entry == 'acme/negative' }.reason", containsString("negative price"))
                .body("skipped.find { it.entry == 'acme/no-window' }.reason",
                        containsString("context_length 0 is not a positive whole number"))
                .body("skipped.find { it.entry == 'acme/absurd' }.reason", containsString("not a plausible price"))
                .body("skipped.find { it.entry == 'acme/words' }.reason", containsString("not a positive whole number"))
                .body("skipped.find { it.entry == 'acme/spaced id' }.reason", containsString("spaces"))
                .body("skipped.find { it.entry == 'entry 6' }.reason", containsString("not an object"));
        // Nothing of the registry's changed (checked after each test); the good entry was kept for discovery.
        discover("openrouter", "acme/fine", "acme/negative");
        catalogBefore = catalog();
        before = Instant.now();
        given().when().get("/models/openrouter/acme/fine").then().body("contextWindow", is(32768))
                .body("price.inputCostPerMillion", is(1));
        given().when().get("/models/openrouter/acme/negative").then().body("contextWindow", nullValue())
                .body("priceKnown", is(false));
    }

    private static ValidatableResponse refused(String source, int status, String code) {
        return asAdmin()
                .queryParam("source", source)
                .when().post("/admin/catalog/sync")
                .then()
                .statusCode(status)
                .body("error.code", is(code))
                .body("error.param", is("source"));
    }

    private static ValidatableResponse sync(String source) {
        return asAdmin()
                .queryParam("source", source)
                .when().post("/admin/catalog/sync")
                .then()
                .statusCode(200);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + SOURCE.port() + path;
    }
}
