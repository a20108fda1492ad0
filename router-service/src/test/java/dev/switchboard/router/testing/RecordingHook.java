package dev.switchboard.router.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.CompletionReply;
import dev.switchboard.contracts.Outcome;
import dev.switchboard.router.Candidate;
import dev.switchboard.router.service.pipeline.Call;
import dev.switchboard.router.service.pipeline.CallHook;

/**
 * A {@link CallHook} as a governance or tracing layer would plug in: it records what it sees of every call, and refuses
 * a call whose {@code user} is {@link #REFUSED_USER}, as a rate limit would. An alternative, so only the tests that
 * enable it have it.
 */
@ApplicationScoped
@Alternative
public class RecordingHook implements CallHook {

    public static final String REFUSED_USER = "over-the-limit";

    private final Map<String, Seen> calls = new ConcurrentHashMap<>();

    /** What the hook saw of a call, by its request id (null when it saw none). */
    public Seen seen(String requestId) {
        return calls.get(requestId);
    }

    @Override
    public void beforeCall(Call call) {
        Seen seen = new Seen(call.request().caller().keyId());
        calls.put(call.requestId(), seen);
        call.attach(Seen.class, seen);
        if (REFUSED_USER.equals(call.request().body().path("user").asText())) {
            throw new ApiException(429, "Rate limit reached for this key.", null, "rate_limit_exceeded");
        }
    }

    @Override
    public void afterAttempt(Call call, Candidate candidate, CompletionReply reply, Throwable failure, long latencyMs) {
        call.attachment(Seen.class).attempts.add(candidate.qualified() + (failure == null ? " answered" : " failed"));
    }

    @Override
    public void afterCall(Call call, Outcome outcome, Throwable failure) {
        call.attachment(Seen.class).outcomes.add(outcome);
    }

    /** One call as the hook saw it: the caller's key id, each attempt, and each end (exactly one is right). */
    public static final class Seen {
        public final String keyId;
        public final List<String> attempts = new CopyOnWriteArrayList<>();
        public final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

        Seen(String keyId) {
            this.keyId = keyId;
        }
    }
}
