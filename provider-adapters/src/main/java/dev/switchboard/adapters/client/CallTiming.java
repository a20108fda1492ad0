package dev.switchboard.adapters.client;

import io.smallrye.mutiny.Context;

/**
 * When one provider call reached each step, in {@link System#nanoTime()} (0 until reached): started, connected (a
 * pooled or new connection was had and the request could be written), answered (the response head arrived), first
 * token (the first chunk of a stream) and ended (the whole answer read). {@link ProviderHttp} finds it in the Mutiny
 * {@link Context} of the call's subscription under {@link #KEY}, so no provider client has to pass it on.
 */
public final class CallTiming {

    public static final String KEY = "switchboard.call-timing";

    private volatile long started;
    private volatile long connected;
    private volatile long answered;
    private volatile long firstToken;
    private volatile long ended;

    /** The timing a subscription's context holds, or a fresh one nobody reads. */
    static CallTiming of(Context context) {
        return context.getOrElse(KEY, CallTiming::new);
    }

    void started() {
        started = System.nanoTime();
    }

    void connected() {
        connected = System.nanoTime();
    }

    void answered() {
        answered = System.nanoTime();
    }

    void ended() {
        ended = System.nanoTime();
    }

    /** The first chunk of a stream; only the first call counts. */
    public void firstToken() {
        if (firstToken == 0) {
            firstToken = System.nanoTime();
        }
    }

    /** Waiting for a connection; null when the call never got that far or went through no HTTP connection. */
    public Long connectMs() {
        return started == 0 || connected == 0 ? null : millis(connected - started);
    }

    /** From the request written to the first chunk of a stream, or to the head of a plain answer. */
    public Long firstTokenMs(long callStartedNanos) {
        long first = firstToken != 0 ? firstToken : answered;
        return first == 0 ? null : millis(first - base(callStartedNanos));
    }

    /** From the request written to the end of the answer; null when the answer never ended. */
    public Long lastTokenMs(long callStartedNanos, long endedNanos) {
        long end = ended != 0 ? ended : endedNanos;
        return millis(end - base(callStartedNanos));
    }

    /** Calls without an HTTP connection of their own (the mock provider) count from the call's start. */
    private long base(long callStartedNanos) {
        return connected != 0 ? connected : callStartedNanos;
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}
