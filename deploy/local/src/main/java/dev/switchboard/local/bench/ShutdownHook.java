package dev.switchboard.local.bench;

/** Clean-ups that run however the benchmark ends: a stack or worktree left behind would hold its ports and disk. */
final class ShutdownHook {

    private ShutdownHook() {
    }

    /** Runs the clean-up when this JVM exits, unless {@link #remove} comes first; the returned thread names it. */
    static Thread add(Runnable cleanUp) {
        Thread hook = new Thread(cleanUp, "switchboard-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Forgets a clean-up that has run already. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already: the hook runs, and closing twice is harmless.
        }
    }
}
