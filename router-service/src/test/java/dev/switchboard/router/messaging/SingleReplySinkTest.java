package dev.switchboard.router.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.CompletionRequest;

/** Whether a plain attempt is over (its reply came) or still out at its adapter, to be cancelled there. */
class SingleReplySinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CompletionRequest request = new CompletionRequest("req-1", 1, "mock", "echo", 0L, "key-1",
            JSON.createObjectNode());

    @Test
    void anAttemptWhoseWaitForItsReplyGaveUpIsStillOut() {
        SingleReplySink sink = new SingleReplySink(request);

        // As the wait for an attempt's first reply does at the call's deadline: Mutiny cancels the future it waited on.
        assertThatThrownBy(() -> Uni.createFrom().completionStage(sink.first())
                .ifNoItem().after(Duration.ofMillis(10)).fail()
                .await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(TimeoutException.class);

        assertThat(sink.first()).isCancelled();
        assertThat(sink.finished()).isFalse();
    }

    @Test
    void anAttemptThatRepliedIsOverAndRepliesOfOtherAttemptsAreNotItsOwn() {
        SingleReplySink sink = new SingleReplySink(request);
        CompletionRequest retry = new CompletionRequest("req-1", 2, "mock", "echo", 0L, "key-1", JSON.createObjectNode());

        assertThat(sink.accept(CompletionReply.success(retry, JSON.createObjectNode()))).isFalse();
        assertThat(sink.finished()).isFalse();
        assertThat(sink.accept(CompletionReply.success(request, JSON.createObjectNode()))).isTrue();
        assertThat(sink.finished()).isTrue();
    }
}
