package dev.switchboard.router.service.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import dev.switchboard.contracts.Outcome;
import dev.switchboard.router.service.ModelCatalog;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;
import dev.switchboard.router.testing.ForbiddenModelFilter;
import dev.switchboard.router.testing.RecordingHook;

/**
 * The pipeline's extension points, with the test's own {@link RecordingHook} and {@link ForbiddenModelFilter} plugged in
 * as other layers will plug theirs: a hook sees the caller, each attempt and exactly one end of every call, and may
 * refuse a call; a filter passes candidates over, and its refusal is the answer when none is left.
 */
@QuarkusTest
@TestProfile(PipelineExtensionTests.WithExtensions.class)
class PipelineExtensionTests extends FakeAdapterTests {

    /**
     * The test's hook and filter plugged in; deadlines long enough that a busy machine cannot turn a slow first chunk
     * into a fallback, since these tests are about what the extensions see, not about time.
     */
    public static class WithExtensions implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RecordingHook.class, ForbiddenModelFilter.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.router.request-timeout", "30s", "switchboard.router.first-chunk-timeout", "20s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern REQUEST_ID = Pattern.compile("(?i)X-Request-Id: (\\S+)");

    @Inject
    ModelCatalog catalog;

    @Inject
    RecordingHook hook;

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.isLoaded());
    }

    @Test
    void aHookRefusesACallBeforeAnyAttemptInTheCallersErrorShape() {
        String requestId = withKey()
                .body("{\"model\":\"ollama/llama3.2:3b\",\"user\":\"" + RecordingHook.REFUSED_USER + "\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"refused prompt\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .header("X-Switchboard-Attempts", "0")
                .body("error.code", is("rate_limit_exceeded"))
                .body("error.type", is("rate_limit_error"))
                .extract().header("X-Request-Id");

        assertThat(hook.seen(requestId).attempts).isEmpty();
        assertThat(hook.seen(requestId).outcomes).containsExactly(Outcome.ERROR);
        assertThat(adapter.received("refused prompt")).isZero();
    }

    @Test
    void aHookSeesTheCallerEachAttemptAndOneEndOfAPlainCall() {
        String requestId = withKey()
                .body(chat("groq/hook-small-window", FakeAdapter.CONTEXT_LENGTH, ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Attempts", "2")
                .extract().header("X-Request-Id");

        RecordingHook.Seen seen = hook.seen(requestId);
        assertThat(seen.keyId).as("the public id of the caller's key, never the key").matches("key_[0-9a-f]{12}");
        assertThat(seen.attempts).containsExactly("groq/hook-small-window failed", "ollama/llama3.2:3b answered");
        assertThat(seen.outcomes).containsExactly(Outcome.SUCCESS);
    }

    @Test
    void aStreamedCallEndsForTheHookWhenItsLastEventIsSent() {
        var response = withKey()
                .body("{\"model\":\"ollama/llama3.2:3b\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract();

        assertThat(response.asString()).endsWith("data: [DONE]\n\n");
        String requestId = response.header("X-Request-Id");
        await().atMost(WAIT).until(() -> !hook.seen(requestId).outcomes.isEmpty());
        assertThat(hook.seen(requestId).outcomes).containsExactly(Outcome.SUCCESS);
        assertThat(hook.seen(requestId).attempts).containsExactly("ollama/llama3.2:3b answered");
    }

    @Test
    void aCallerLeavingAStreamEndsTheCallForTheHookAsCancelled() throws IOException {
        String requestId;
        String body = "{\"model\":\"azure-openai/hook-stall\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + FakeAdapter.STREAM_STALL + "\"}]}";
        try (Socket client = send(body)) {
            String received = readUntil(client, "\"content\":\"" + FakeAdapter.STREAM_STALL + "\"");
            Matcher id = REQUEST_ID.matcher(received);
            assertThat(id.find()).as("a request id in " + received).isTrue();
            requestId = id.group(1);
            assertThat(hook.seen(requestId).outcomes).isEmpty();
        }

        await().atMost(WAIT).until(() -> !hook.seen(requestId).outcomes.isEmpty());
        assertThat(hook.seen(requestId).outcomes).containsExactly(Outcome.CANCELLED);
    }

    @Test
    void aFilterPassesACandidateOverAndTheRouteSaysWhy() {
        withKey()
                .body(chat("groq/" + ForbiddenModelFilter.PREFIX + "model", "hello", ",\"models\":[\"ollama/llama3.2:3b\"]"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "ollama/llama3.2:3b")
                .header("X-Switchboard-Attempts", "1")
                .header("X-Switchboard-Fallback", "1")
                .header("X-Switchboard-Route", containsString("groq/forbidden-model skipped: not allowed for this key"));
    }

    @Test
    void whenAFilterLeavesNoCandidateItsRefusalIsTheAnswer() {
        withKey()
                .body(chat("groq/" + ForbiddenModelFilter.PREFIX + "model", "hello", ""))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(403)
                .header("X-Switchboard-Attempts", "0")
                .body("error.code", is("model_not_allowed"))
                .body("error.param", is("model"));
    }

    /** A call on a raw connection, which the test closes to leave mid-way as a client that gives up would. */
    private static Socket send(String body) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + API_KEY + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.flush();
        return socket;
    }

    private static String readUntil(Socket client, String expected) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (!received.toString().contains(expected)) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no " + expected + " within 10 s, after: " + received, e);
            }
            assertThat(read).as("more of the answer, after: " + received).isPositive();
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    private static String chat(String model, String content, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]" + extra + "}";
    }
}
