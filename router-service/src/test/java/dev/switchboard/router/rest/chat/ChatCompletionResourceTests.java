package dev.switchboard.router.rest.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.switchboard.contracts.MessageHeaders;
import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

/** Chat completions through Kafka and back, plain and streamed, and what the router answers before any attempt. */
@QuarkusTest
class ChatCompletionResourceTests extends FakeAdapterTests {

    @ConfigProperty(name = "switchboard.router.request-timeout")
    Duration requestTimeout;

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
    }

    @Test
    void completionTravelsThroughKafkaAndBack() {
        withKey()
                .body(chat("mock/echo", "hello"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", startsWith("req_"))
                .header("X-Switchboard-Provider", "mock")
                .header("X-Switchboard-Model", "mock/echo")
                .header("X-Switchboard-Attempts", "1")
                .body("object", is("chat.completion"))
                .body("model", is("mock/echo"))
                .body("choices[0].message.content", is("hello"))
                .body("usage.total_tokens", is(2));
    }

    @Test
    void withTracingOffTheCallersTraceStillReachesTheAdapterAndTheAnswer() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String requestId = callWithTraceparent("00-" + traceId + "-00f067aa0ba902b7-01", "traced",
                "00-" + traceId + "-[0-9a-f]{16}-01");

        String sent = adapter.header(requestId, 1, MessageHeaders.TRACEPARENT);
        assertThat(sent).startsWith("00-" + traceId + "-");
        assertThat(adapter.header(requestId, 1, MessageHeaders.ROUTER_MS)).matches("\\d+");
        assertThat(adapter.header(requestId, 1, MessageHeaders.SENT_AT)).matches("\\d+");
        assertThat(adapter.header(requestId, 1, MessageHeaders.REQUEST_LOG)).isNull();
        assertThat(sent).endsWith("-01");
    }

    /** The router, tracing off, samples nothing itself: a sampled flag would make the services downstream record. */
    @Test
    void withTracingOffACallNobodySampledStaysUnsampledDownstream() {
        String unsampledCaller = "5c3b2a1f0e9d8c7b6a5f4e3d2c1b0a99";
        String fromCaller = callWithTraceparent("00-" + unsampledCaller + "-00f067aa0ba902b7-00", "caller did not sample",
                "00-" + unsampledCaller + "-[0-9a-f]{16}-00");
        String fresh = callWithTraceparent(null, "untraced", "00-[0-9a-f]{32}-[0-9a-f]{16}-00");

        assertThat(adapter.header(fromCaller, 1, MessageHeaders.TRACEPARENT)).startsWith("00-" + unsampledCaller + "-")
                .endsWith("-00");
        assertThat(adapter.header(fresh, 1, MessageHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    /** A chat call with this {@code traceparent} (none if null) whose answer's matches the pattern: its request id. */
    private static String callWithTraceparent(String traceparent, String prompt, String answered) {
        RequestSpecification call = withKey();
        if (traceparent != null) {
            call.header("traceparent", traceparent);
        }
        return call
                .body(chat("mock/echo", prompt))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("traceparent", matchesPattern(answered))
                .extract().header("X-Request-Id");
    }

    @Test
    void duplicateRepliesStillGiveOneAnswer() {
        withKey()
                .body(chat("mock/echo", FakeAdapter.TWICE))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", is(FakeAdapter.TWICE));
    }

    @Test
    void streamIsServedAsServerSentEventsEndingWithDone() {
        String events = withKey()
                .body(streamChat("mock/echo", "one two three"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .header("X-Switchboard-Model", "mock/echo")
                .extract().asString();

        assertThat(events).startsWith("data: {");
        String[] parts = events.split("\n\n");
        assertThat(parts).hasSize(4);
        assertThat(parts[3]).isEqualTo("data: [DONE]");
        assertThat(events).contains("\"content\":\"one\"", "\"content\":\"three\"", "\"model\":\"mock/echo\"");
    }

    @Test
    void streamThatFailsBeforeItsFirstChunkIsAPlainHttpError() {
        withKey()
                .body(streamChat("openai-compatible/busy", FakeAdapter.STREAM_FAIL_FIRST))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(503)
                .contentType(ContentType.JSON)
                .header("Retry-After", "2")
                .body("error.code", is("overloaded"));
    }

    @Test
    void streamThatBreaksMidWayEndsWithAnErrorEvent() {
        String events = withKey()
                .body(streamChat("mock/echo", FakeAdapter.STREAM_BREAK))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract().asString();

        String[] parts = events.split("\n\n");
        assertThat(parts).hasSize(2);
        assertThat(parts[0]).contains("\"content\":\"stream-break\"");
        assertThat(parts[1]).startsWith("data: {\"error\":").contains("\"code\":\"network\"");
        assertThat(events).doesNotContain("[DONE]");
    }

    /** A stream under way ends at the call's deadline, its chunks still coming, with the timeout error event. */
    @Test
    void streamStillRunningAtTheDeadlineEndsThereWithTheTimeoutErrorEvent() {
        long started = System.nanoTime();
        // A provider of its own: its timeout counts against the provider's circuit breaker, which later tests of the
        // mock would then find open.
        String events = withKey()
                .body(streamChat("deepseek/slow-stream", FakeAdapter.STREAM_SLOW))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .extract().asString();

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String[] parts = events.split("\n\n");
        assertThat(parts.length - 1).as("content chunks before the end").isPositive()
                .isLessThan(FakeAdapter.SLOW_CHUNKS);
        assertThat(parts[parts.length - 1]).startsWith("data: {\"error\":").contains("\"code\":\"timeout\"");
        assertThat(events).doesNotContain("[DONE]");
        assertThat(took).isLessThan(requestTimeout.plusMillis(FakeAdapter.SLOW_CHUNK_GAP_MS * 2));
    }

    @Test
    void malformedJsonIsA400() {
        withKey()
                .body("{\"model\": \"mock/echo\", \"messages\": [")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.message", startsWith("We could not parse the JSON body of your request"));
    }

    @Test
    void badFieldsAreNamed() {
        withKey()
                .body("{\"model\":\"mock/echo\"}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("messages"));

        withKey()
                .body("{\"model\":\"mock/echo\",\"temperature\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("temperature"))
                .body("error.message", is("Invalid value for 'temperature': it must be a number from 0 to 2."));

        withKey()
                .body("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("messages[0].role"));

        withKey()
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.param", is("model"));
    }

    @Test
    void malformedToolsPartsAndStreamOptionsAreNamed() {
        String user = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        assertBadParam("{\"model\":\"mock/echo\"," + user + ",\"tools\":\"get_weather\"}", "tools");
        assertBadParam("{\"model\":\"mock/echo\"," + user + ",\"tools\":[42]}", "tools[0]");
        assertBadParam("{\"model\":\"mock/echo\",\"stream\":true," + user
                + ",\"stream_options\":{\"include_usage\":\"yes\"}}", "stream_options.include_usage");
        assertBadParam("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":[1,2]}]}",
                "messages[0].content[0]");
        assertBadParam("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"no type\"}]}]}",
                "messages[0].content[0].type");
    }

    @Test
    void maxTokensBeyondEveryWindowIsRefusedNotWrappedAround() {
        withKey()
                .body("{\"model\":\"mock/echo\",\"max_tokens\":2147483647,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(40) + "\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.code", is("model_not_capable"));
    }

    private static void assertBadParam(String body, String param) {
        withKey()
                .body(body)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is(param));
    }

    @Test
    void unknownProviderIsA404() {
        withKey()
                .body(chat("nowhere/gpt", "hello"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(404)
                .body("error.code", is("model_not_found"))
                .body("error.param", is("model"))
                .body("error.message", startsWith("The model 'nowhere/gpt' does not exist"));
    }

    @Test
    void modelMissingFromTheRegistryIsA404() {
        withKey()
                .body(chat("mock/unheard-of", "hello"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(404)
                .body("error.code", is("model_not_found"));
    }

    @Test
    void bareModelIdResolvesThroughTheRegistry() {
        withKey()
                .body(chat("echo", "bare"))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .header("X-Switchboard-Model", "mock/echo")
                .body("choices[0].message.content", is("bare"));
    }

    @Test
    void providerRateLimitKeepsItsClassAndRetryAfter() {
        withKey()
                .body(chat("azure-openai/limited", FakeAdapter.RATE_LIMIT))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(429)
                .header("Retry-After", "2")
                .body("error.type", is("rate_limit_error"))
                .body("error.code", is("rate_limited"));
    }

    @Test
    void silentAdapterEndsInA504() {
        withKey()
                .body(chat("mock/echo", FakeAdapter.SILENT))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(504)
                .body("error.type", is("timeout_error"))
                .body("error.code", is("timeout"));
    }

    @Test
    void theDeadlineHoldsWhileTheTimeoutThreadOfCompletableFuturesIsBusy() {
        // Every CompletableFuture.orTimeout of the JVM fires on one shared thread, and what depends on it runs there:
        // under load, calls whose time ran out together queued behind each other there, and their 504s came seconds past
        // the deadline. Here that thread is kept busy for 6 s from half a second on, past the call's deadline (3 s).
        new CompletableFuture<Void>().orTimeout(500, TimeUnit.MILLISECONDS).whenComplete((ignored, timedOut) -> {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();

        withKey()
                .body(chat("mock/echo", FakeAdapter.SILENT))
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(504)
                .body("error.code", is("timeout"));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("ms until the 504")
                .isLessThan(5_000);
    }

    @Test
    void modelListComesFromTheRegistry() {
        withKey()
                .when().get("/v1/models")
                .then()
                .statusCode(200)
                .body("object", is("list"))
                .body("data.id", hasItems("mock/echo", "ollama/llama3.2:3b"))
                .body("data[0].object", is("model"))
                .body("data[0].owned_by", notNullValue());
    }

    @Test
    void modelListTakesAnthropicsShapeForACallThatSpeaksAnthropic() {
        List<String> ids = withKey()
                .header("anthropic-version", "2023-06-01")
                .when().get("/v1/models")
                .then()
                .statusCode(200)
                .body("object", nullValue())
                .body("data[0].type", is("model"))
                .body("data[0].display_name", notNullValue())
                .body("data[0].created_at", is("1970-01-01T00:00:00Z"))
                .body("has_more", is(false))
                .extract().jsonPath().getList("data.id", String.class);
        assertThat(ids).contains("mock/echo", "ollama/llama3.2:3b");

        withKey()
                .header("anthropic-version", "2023-06-01")
                .queryParam("limit", 1)
                .when().get("/v1/models")
                .then()
                .statusCode(200)
                .body("data.id", contains(ids.get(0)))
                .body("first_id", is(ids.get(0)))
                .body("last_id", is(ids.get(0)))
                .body("has_more", is(true));
        withKey()
                .header("anthropic-version", "2023-06-01")
                .queryParam("after_id", ids.get(0))
                .queryParam("limit", 1)
                .when().get("/v1/models")
                .then()
                .statusCode(200)
                .body("data.id", contains(ids.get(1)));
        withKey()
                .header("anthropic-version", "2023-06-01")
                .when().get("/v1/models/mock/echo")
                .then()
                .statusCode(200)
                .body("type", is("model"))
                .body("id", is("mock/echo"));
    }

    @Test
    void unknownRouteIsA404InTheErrorShape() {
        withKey()
                .when().get("/v1/nothing-here")
                .then()
                .statusCode(404)
                .body("error.type", is("invalid_request_error"));
    }

    @Test
    void bodyOverTheSizeLimitIsA413InTheErrorShape() throws IOException {
        String tooLarge = exchange("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + API_KEY + "\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n{}");
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("{\"error\":{\"message\":\"The request body is larger");
    }

    @Test
    void readinessIncludesKafkaTheReplyListenerAndTheCatalog() {
        given()
                .port(management.getPort())
                .when().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("Kafka reply listener", "Model catalog"));
    }

    /** One raw HTTP exchange, for requests a client library would not send as written. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String streamChat(String model, String content) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + content
                + "\"}]}";
    }

    private static String chat(String model, String content) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }
}
