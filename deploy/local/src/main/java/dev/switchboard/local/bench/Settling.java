package dev.switchboard.local.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Waits, before the first measured phase, until every stack stands quiet: a side whose JIT compilers are still working
 * through its warm-up's paths takes CPU from whichever side is measured next, and would make the other look slower.
 */
final class Settling {

    /**
     * A stack standing idle uses about 0.15 to 0.17 of a core here (its pollers and timers); a JIT compiler at work
     * takes 0.2 to 0.5 more.
     */
    static final double QUIET_CORES = 0.3;
    static final Duration WINDOW = Duration.ofSeconds(2);
    /** Windows in a row in which every stack is quiet: one quiet window can fall between two compilations. */
    static final int QUIET_WINDOWS = 2;

    /** Sleeps between two readings; a test's clock need not. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How the wait ended.
     *
     * @param waited how long it waited
     * @param cores each stack's CPU in the last window, in cores; empty when it did not wait at all
     * @param quiet whether every stack was quiet at the end, rather than the wait's limit reached
     */
    record Outcome(Duration waited, List<Double> cores, boolean quiet) {

        /** What progress says of it, naming the stacks by their labels. */
        String describe(List<String> labels) {
            StringBuilder line = new StringBuilder(
                    quiet ? "the stacks stood quiet after " : "the stacks did not stand quiet within ")
                    .append(waited.toSeconds()).append(" s");
            for (int stack = 0; stack < cores.size(); stack++) {
                line.append(stack == 0 ? ": " : ", ").append(labels.get(stack)).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", cores.get(stack))).append(" of a core");
            }
            return line.toString();
        }
    }

    private Settling() {
    }

    /** Waits for the stacks, {@code most} at most (not at all when that is zero), and says how the wait ended. */
    static void await(List<BenchStack> stacks, Duration most, Consumer<String> progress) {
        if (most.isZero()) {
            return;
        }
        List<LongSupplier> cpu = stacks.stream().map(stack -> (LongSupplier) () -> BenchStack.ownCpu(stack.cpuNanos()))
                .toList();
        try {
            progress.accept(await(cpu, most, duration -> Thread.sleep(duration.toMillis()))
                    .describe(stacks.stream().map(BenchStack::label).toList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stacks to stand quiet", e);
        }
    }

    /**
     * Reads each stack's CPU time in nanoseconds every {@link #WINDOW} until every stack used less than
     * {@link #QUIET_CORES} in {@link #QUIET_WINDOWS} windows in a row, or until {@code most} has passed.
     */
    static Outcome await(List<LongSupplier> cpuNanos, Duration most, Sleeper sleeper) throws InterruptedException {
        long[] before = read(cpuNanos);
        Duration waited = Duration.ZERO;
        List<Double> cores = List.of();
        int quietInARow = 0;
        while (waited.compareTo(most) < 0) {
            sleeper.sleep(WINDOW);
            waited = waited.plus(WINDOW);
            long[] after = read(cpuNanos);
            List<Double> used = new ArrayList<>();
            for (int stack = 0; stack < after.length; stack++) {
                used.add((after[stack] - before[stack]) / (double) WINDOW.toNanos());
            }
            before = after;
            cores = used;
            quietInARow = used.stream().allMatch(share -> share < QUIET_CORES) ? quietInARow + 1 : 0;
            if (quietInARow == QUIET_WINDOWS) {
                return new Outcome(waited, cores, true);
            }
        }
        return new Outcome(waited, cores, false);
    }

    private static long[] read(List<LongSupplier> cpuNanos) {
        return cpuNanos.stream().mapToLong(LongSupplier::getAsLong).toArray();
    }
}
