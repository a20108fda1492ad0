package dev.switchboard.router.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.switchboard.router.testing.FakeAdapter;
import dev.switchboard.router.testing.FakeAdapterTests;

/** A call that reaches its deadline gets its 504, and the attempt still out is cancelled at its adapter. */
@QuarkusTest
class DeadlineTests extends FakeAdapterTests {

    private static final String SILENT_CALL = "{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + FakeAdapter.SILENT + "\"}]}";

    @Override
    protected void warmUp() {
        FakeAdapter.awaitServed(FakeAdapter.HEALTHY_PROVIDER, true);
        // The fake adapter answers once its consumer holds the mock's partitions: until then a request (and its cancel)
        // waits unread, and the deadline would pass before it arrives.
        withKey()
                .body("{\"model\":\"mock/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"warm up\"}]}")
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(200);
    }

    @Test
    void aPlainCallAtItsDeadlineCancelsItsAttemptAtTheAdapter() {
        String requestId = withKey()
                .body(SILENT_CALL)
                .when().post("/v1/chat/completions")
                .then()
                .statusCode(504)
                .body("error.code", is("timeout"))
                .extract().header("X-Request-Id");

        await("the silent request at the adapter").atMost(Duration.ofSeconds(10))
                .until(() -> adapter.received(FakeAdapter.SILENT) == 1);
        await("its cancel at the adapter").atMost(Duration.ofSeconds(10)).until(() -> adapter.cancelled(requestId, 1));
    }
}
