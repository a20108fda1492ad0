package dev.switchboard.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The bad-input run each service's {@code BadInputTests} extends: every case of the service's corpus is refused as it
 * expects, the service is ready and answering before the case and still is after it, and the corpus names every case
 * once. A case that ends with the service seen serving spares the next its own wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BadInputSuite {

    @TestHTTPResource("/")
    private URL service;

    @TestHTTPResource(value = "/", management = true)
    private URL management;

    /** Whether the service was seen serving at the end of the last case, so that the next need not wait for it. */
    private boolean seenServing;

    /** The service's corpus. */
    protected abstract List<BadInput> corpus();

    /** Asserts that the service answers an ordinary call of its own as it should. */
    protected abstract void assertAnswering();

    /** The fewest cases the corpus may have. */
    protected int leastCases() {
        return 1;
    }

    @BeforeEach
    void awaitServing() {
        if (!seenServing) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(this::assertServing);
        }
        seenServing = false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedAndTheServiceServesOn(BadInput input) {
        ErrorShape.assertRefused(port(), input);

        assertServing();
    }

    @Test
    void theCorpusNamesEveryCaseOnce() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(leastCases());
        assertThat(corpus()).extracting(BadInput::name).doesNotHaveDuplicates();
    }

    /** The service's HTTP port, where the cases go. */
    protected final int port() {
        return service.getPort();
    }

    /** Asserts that the service is ready and answers as it should; the next case then starts without waiting. */
    protected final void assertServing() {
        RawHttp.Answer ready = RawHttp.exchange(management.getPort(), HttpCall.get("/q/health/ready"));
        assertThat(ready.status()).as("readiness: %s", ready.text()).isEqualTo(200);
        assertAnswering();
        seenServing = true;
    }
}
