package dev.switchboard.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.contracts.AttemptTimings;
import dev.switchboard.contracts.ErrorClass;
import dev.switchboard.telemetry.ingest.UsageIngestor;
import dev.switchboard.telemetry.testing.Chromium;
import dev.switchboard.telemetry.testing.Event;
import dev.switchboard.telemetry.testing.Ops;

/**
 * The dashboard's request log in a real headless Chromium: with the operations key, it lists recent calls, narrowed by
 * the filters the address carries, and opens one to show its attempts on a time line, split by phase.
 */
@QuarkusTest
class DashboardRequestLogTests {

    @Inject
    UsageIngestor ingestor;

    @TestHTTPResource("/")
    URL dashboard;

    @Test
    void theRequestLogListsFiltersAndOpensACallOnATimeLine() throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install -y chromium): "
                + "the dashboard browser test is skipped");
        String provider = Event.unique("timeline");
        String requestId = "req-" + provider;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
        ingestor.ingest(Event.of(provider, "first").requestId(requestId).at(start).latency(120)
                .failed(ErrorClass.RATE_LIMITED, "slow <down>").tokens(0, 0, 0).build());
        ingestor.ingest(Event.of(provider, "second").requestId(requestId).attempt(2).at(start.plusMillis(200))
                .latency(300).build().toBuilder().timings(new AttemptTimings(2L, 3L, 1L, 40L, 280L, 4L)).build());
        ingestor.ingest(Event.of(Event.unique("other"), "m").build());

        String dom = Chromium.dumpDom(chromium.get(),
                dashboard + "?hours=1#key=" + Ops.OPS_KEY + "&provider=" + provider + "&request=" + requestId, 6000);
        if (System.getenv("DASHBOARD_SCREENSHOT") != null) {
            Chromium.screenshot(chromium.get(), dashboard + "?hours=1#key=" + Ops.OPS_KEY + "&provider=" + provider
                    + "&request=" + requestId, 6000, Path.of(System.getenv("DASHBOARD_SCREENSHOT")));
        }

        assertThat(attribute(dom, "html", null, "data-requests-ready")).isEqualTo("true");
        assertThat(attribute(dom, "section", "request-log", "data-rows")).isEqualTo("1");
        assertThat(dom).contains("data-request-id=\"" + requestId + "\"");
        assertThat(attribute(dom, "div", "request-story", "data-attempts")).isEqualTo("2");
        assertThat(dom).containsPattern("class=\"attempt-bar\"[^>]*data-outcome=\"error\"")
                .containsPattern("class=\"attempt-bar\"[^>]*data-outcome=\"success\"")
                .contains("phase phase-connect", "phase phase-provider", "phase phase-back")
                .contains("slow &lt;down&gt;")
                .doesNotContain(Ops.OPS_KEY);
    }

    @Test
    void withoutTheKeyNoCallIsShown() throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "Chromium is not installed: the dashboard browser test is skipped");
        String provider = Event.unique("hidden");
        ingestor.ingest(Event.of(provider, "m").requestId("req-" + provider).build());

        String dom = Chromium.dumpDom(chromium.get(), dashboard + "?hours=1#provider=" + provider, 5000);

        assertThat(attribute(dom, "html", null, "data-auth")).isEqualTo("required");
        assertThat(dom).doesNotContain("id=\"request-log\"").doesNotContain("req-" + provider);
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
}
