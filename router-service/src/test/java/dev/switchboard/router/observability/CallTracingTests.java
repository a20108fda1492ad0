package dev.switchboard.router.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.switchboard.api.auth.KeyDigest;
import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.local.ReceivedSpan;
import dev.switchboard.local.testing.OtlpTestResource;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

/**
 * With tracing on, a client call is the router's server span (continuing the caller's {@code traceparent}), one span
 * per attempt under it, retries and fallbacks as siblings, and under each attempt the send whose context the request
 * carries to the adapter.
 */
@QuarkusTest
@TestProfile(CallTracingTests.Traced.class)
class CallTracingTests extends FakeAdapterTests {

    /**
     * Tracing on, exported to an in-JVM receiver, with a root ratio of 0: only calls whose caller sampled them are
     * traced. Every call's request log is full, but those of the second test key, which is off.
     */
    public static class Traced implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpTestResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.router.request-log.level", "full", "switchboard.router.request-timeout", "30s",
                    "switchboard.router.first-chunk-timeout", "20s",
                    "quarkus.otel.traces.sampler.arg", "0",
                    "switchboard.router.request-log.keys." + KeyDigest.of("test-key-2").publicId(), "off");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String CHAT = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
    }

    @Test
    void aCallContinuesTheCallersTraceDownToTheSendOfItsAttempt() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String requestId = call(traceId, "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        ReceivedSpan server = awaitSpan(traceId, span -> span.kind().equals("SERVER"));
        ReceivedSpan attempt = awaitSpan(traceId, span -> span.name().equals("attempt mock/echo"));
        ReceivedSpan send = awaitSpan(traceId, span -> span.name().equals("send switchboard.requests.mock"));
        assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(server.service()).isEqualTo("router-service");
        assertThat(attempt.isChildOf(server)).isTrue();
        assertThat(attempt.attributes()).containsEntry("switchboard.attempt", 1L)
                .containsEntry("switchboard.request_id", requestId)
                .containsEntry("gen_ai.provider.name", "mock")
                .containsEntry("gen_ai.request.model", "echo")
                .containsEntry("switchboard.outcome", "success");
        assertThat(send.isChildOf(attempt)).isTrue();
        assertThat(send.kind()).isEqualTo("PRODUCER");
        assertThat(adapter.header(requestId, 1, MessageHeaders.TRACEPARENT))
                .isEqualTo("00-" + traceId + "-" + send.spanId() + "-01");
        assertThat(adapter.header(requestId, 1, MessageHeaders.REQUEST_LOG)).isEqualTo("full");
    }

    @Test
    void aKeyWhoseRequestLogIsOffSaysSoOnItsRequests() {
        String requestId = as("test-key-2")
                .body(CHAT)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract().header("X-Request-Id");

        assertThat(adapter.header(requestId, 1, MessageHeaders.REQUEST_LOG)).isEqualTo("off");
    }

    @Test
    void retriesAndFallbacksAreSiblingAttempts() {
        String traceId = "5b8efff798038103d269b633813fc60c";
        call(traceId, "{\"model\":\"together/flaky-a\",\"models\":[\"ollama/llama3.2:3b\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.SERVER_ERROR + "\"}]}");

        ReceivedSpan server = awaitSpan(traceId, span -> span.kind().equals("SERVER"));
        ReceivedSpan fallback = awaitSpan(traceId, span -> span.name().equals("attempt ollama/llama3.2:3b"));
        List<ReceivedSpan> attempts = OtlpTestResource.receiver().trace(traceId).stream()
                .filter(span -> span.name().startsWith("attempt "))
                .sorted(Comparator.comparing(span -> (Long) span.attribute("switchboard.attempt")))
                .toList();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2).allMatch(span -> span.isChildOf(server));
        assertThat(attempts.get(0).name()).isEqualTo("attempt together/flaky-a");
        assertThat(attempts.get(0).attributes()).containsEntry("error.type", "server_error")
                .containsEntry("switchboard.outcome", "error");
        assertThat(attempts.get(0).status()).isEqualTo("ERROR");
        assertThat(attempts.get(attempts.size() - 1)).isEqualTo(fallback);
        assertThat(fallback.attributes()).containsEntry("switchboard.fallback", true)
                .containsEntry("switchboard.outcome", "success");
    }

    @Test
    void aStreamedAttemptLastsUntilItsStreamEnds() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        call(traceId, "{\"model\":\"mock/echo\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");

        ReceivedSpan attempt = awaitSpan(traceId, span -> span.name().equals("attempt mock/echo"));
        assertThat(attempt.attributes()).containsEntry("switchboard.outcome", "success");
    }

    @Test
    void aCallItsCallerDidNotSampleRecordsNoSpanAndTellsTheAdapterSo() {
        String traceId = "3c2ad8e1f6b04a7d9e5c1b0a8f7e6d5c";
        String requestId = call(traceId, "00", CHAT);

        assertThat(adapter.header(requestId, 1, MessageHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-")
                .endsWith("-00");
        assertNoSpanAfterASampledCall(traceId);
    }

    @Test
    void aCallWithoutTraceparentFollowsTheRootSamplerOnce() {
        String traceparent = withKey()
                .body(CHAT)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("traceparent", endsWith("-00"))
                .extract().header("traceparent");
        String traceId = traceparent.split("-")[1];

        assertNoSpanAfterASampledCall(traceId);
    }

    /** A sampled call made later and received whole means the exporter flushed past the earlier call's spans. */
    private void assertNoSpanAfterASampledCall(String traceId) {
        String later = UUID.randomUUID().toString().replace("-", "");
        call(later, "01", CHAT);
        awaitSpan(later, span -> span.kind().equals("SERVER"));
        awaitSpan(later, span -> span.name().equals("attempt mock/echo"));
        assertThat(OtlpTestResource.receiver().trace(traceId)).as("spans of a call that is not sampled").isEmpty();
    }

    private String call(String traceId, String body) {
        return call(traceId, "01", body);
    }

    private String call(String traceId, String flags, String body) {
        return withKey()
                .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-" + flags)
                .body(body)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("traceparent", startsWith("00-" + traceId + "-"))
                .extract().header("X-Request-Id");
    }

    private static ReceivedSpan awaitSpan(String traceId, Predicate<ReceivedSpan> match) {
        return await().atMost(WAIT).until(() -> OtlpTestResource.receiver().trace(traceId).stream().filter(match)
                .findFirst(), found -> found.isPresent()).get();
    }
}
