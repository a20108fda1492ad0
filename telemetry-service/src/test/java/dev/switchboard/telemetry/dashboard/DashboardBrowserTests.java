package dev.switchboard.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Chromium;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;
import dev.switchboard.telemetry.testing.Stub;

/**
 * The dashboard in a real headless Chromium: the page asks for the operations key and shows nothing before it has
 * one; a wrong key is refused and asked for again; with the key the data loads and each chart drew its series. The
 * page's script marks every chart with the data points it got and the canvas pixels painted in its first series'
 * colour. Headless Chromium cannot type, so the key is handed to the page's form through the address's fragment.
 */
@QuarkusTest
class DashboardBrowserTests {

    @ConfigProperty(name = "stub.url")
    String stubUrl;

    @Inject
    UsageIngestor ingestor;

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void dashboardAsksForTheKeyThenShowsItsChartsDrawnWithData() throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install -y chromium): "
                + "the dashboard browser test is skipped");
        String cheap = Event.unique("dash-cheap");
        String dear = Event.unique("dash-dear");
        Stub stub = new Stub(stubUrl);
        stub.model(cheap, "m", "basic", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "1", null, "2", "catalog")));
        stub.model(dear, "m", "high", List.of("text"),
                List.of(Stub.price("2020-01-01T00:00:00Z", "30", null, "60", "catalog")));
        Instant now = Instant.now();
        for (int minutesAgo = 2; minutesAgo <= 50; minutesAgo += 6) {
            Instant at = now.minus(minutesAgo, ChronoUnit.MINUTES);
            for (int i = 1; i <= 10; i++) {
                ingestor.ingest(Event.of(i % 2 == 0 ? cheap : dear, "m").requestId("req-" + UUID.randomUUID()).at(at)
                        .latency(100L * i + minutesAgo).tokens(50_000, 0, 5_000).build());
            }
            ingestor.ingest(Event.of(dear, "m").at(at).failed(ErrorClass.OVERLOADED, "busy, try <later>").build());
        }

        String asking = Chromium.dumpDom(chromium.get(), dashboard + "?hours=1", 5000);
        assertThat(attribute(asking, "html", null, "data-auth")).isEqualTo("required");
        assertThat(attribute(asking, "form", "key-form", "class")).isEqualTo("key-form");
        assertThat(asking).doesNotContain("hidden=\"\"").doesNotContain("id=\"chart-requests\"").doesNotContain(cheap);

        String refused = Chromium.dumpDom(chromium.get(), dashboard + "?hours=1#key=not-the-key", 5000);
        assertThat(attribute(refused, "html", null, "data-auth")).isEqualTo("required");
        assertThat(refused).contains("That key was refused").doesNotContain(cheap);

        String withKey = dashboard + "?hours=1#key=" + Ops.OPS_KEY;
        String dom = Chromium.dumpDom(chromium.get(), withKey, 5000);
        if (System.getenv("DASHBOARD_SCREENSHOT") != null) {
            Chromium.screenshot(chromium.get(), withKey, 5000, Path.of(System.getenv("DASHBOARD_SCREENSHOT")));
        }

        assertThat(dom).contains("<title>Switchboard telemetry</title>");
        assertThat(attribute(dom, "html", null, "data-auth")).isEqualTo("ok");
        assertThat(dom).doesNotContain(Ops.OPS_KEY);
        assertThat(attribute(dom, "html", null, "data-charts-ready")).isEqualTo("true");
        for (String chart : List.of("chart-requests", "chart-latency")) {
            assertThat(attribute(dom, "div", chart, "data-rendered")).as(chart).isEqualTo("true");
            assertThat(Integer.parseInt(attribute(dom, "div", chart, "data-points"))).as(chart + " points").isPositive();
            assertThat(Integer.parseInt(attribute(dom, "div", chart, "data-series-pixels"))).as(chart + " series pixels")
                    .isGreaterThan(50);
            assertThat(section(dom, chart)).contains("<canvas");
        }
        assertThat(Integer.parseInt(attribute(dom, "div", "chart-cost", "data-bars"))).isGreaterThanOrEqualTo(2);
        assertThat(section(dom, "chart-cost")).contains(cheap, dear);
        assertThat(dom).contains("id=\"exports\"", "/telemetry/export?format=csv&amp;granularity=hour",
                "/telemetry/export?format=ndjson&amp;granularity=request");
        assertThat(dom).contains("id=\"alerts\"", "id=\"models\"");
    }

    /** The value of an attribute on the element with that id (or the first such tag when id is null). */
    private static String attribute(String dom, String tag, String id, String name) {
        Matcher element = Pattern.compile("<" + tag + "\\b[^>]*" + (id == null ? "" : "id=\"" + id + "\"[^>]*") + ">")
                .matcher(dom);
        assertThat(element.find()).as("<%s id=%s> in the DOM", tag, id).isTrue();
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(element.group());
        assertThat(value.find()).as("%s on %s", name, element.group()).isTrue();
        return value.group(1);
    }

    /** The markup from the element with that id to the next figure's end. */
    private static String section(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        int end = dom.indexOf("</figure>", start);
        return dom.substring(start, end);
    }
}
