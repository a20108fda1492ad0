package dev.switchboard.registry.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.switchboard.registry.testing.Fixtures.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a source configured, the schedule syncs from it on its own: no call, no network at start-up. */
@QuarkusTest
@TestProfile(ScheduledSyncTests.WithSource.class)
class ScheduledSyncTests {

    @Test
    void theScheduleSyncsFromTheConfiguredSource() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin()
                .when().get("/admin/catalog/sync")
                .then()
                .statusCode(200)
                .body("format", is("litellm"))
                .body("dryRun", is(false))
                .body("forSwitchboard", is(7)));
    }

    /** A source and a schedule short enough to wait for. */
    public static class WithSource implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.registry.sync.every", "2s", "switchboard.registry.sync.delay", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Source.class));
        }
    }

    /** The LiteLLM snapshot, served where the configured source points. */
    public static class Source implements QuarkusTestResourceLifecycleManager {

        private WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(get("/litellm.json").willReturn(okJson(SyncTests.fixture("litellm-prices.json"))));
            return Map.of("switchboard.registry.sync.source", "http://127.0.0.1:" + server.port() + "/litellm.json");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }
}
