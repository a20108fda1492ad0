package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/** How the benchmark waits for its stacks to stand quiet before it measures, on stacks whose CPU time is made up. */
class SettlingTest {

    private static final long WINDOW = Settling.WINDOW.toNanos();

    private final List<Duration> slept = new ArrayList<>();

    @Test
    void waitsUntilEveryStackIsQuietInTwoWindowsInARow() throws InterruptedException {
        // The first stack compiles for two windows, then idles; the second is quiet, but for one busy window between.
        LongSupplier compiling = stack(0.9, 0.8, 0.1, 0.1, 0.1, 0.25);
        LongSupplier idle = stack(0.1, 0.1, 0.1, 0.5, 0.2, 0.1);

        Settling.Outcome outcome = Settling.await(List.of(compiling, idle), Duration.ofSeconds(60), slept::add);

        assertThat(outcome.quiet()).isTrue();
        assertThat(outcome.waited()).isEqualTo(Duration.ofSeconds(12));
        assertThat(slept).hasSize(6).containsOnly(Settling.WINDOW);
        assertThat(outcome.cores()).containsExactly(0.25, 0.1);
        assertThat(outcome.describe(List.of("baseline", "working tree")))
                .isEqualTo("the stacks stood quiet after 12 s: baseline 0.25 of a core, working tree 0.10 of a core");
    }

    @Test
    void givesUpAtItsLimitAndSaysTheStacksDidNotStandQuiet() throws InterruptedException {
        LongSupplier busy = stack(0.6, 0.6, 0.6, 0.6);

        Settling.Outcome outcome = Settling.await(List.of(busy), Duration.ofSeconds(5), slept::add);

        assertThat(outcome.quiet()).isFalse();
        assertThat(outcome.waited()).isEqualTo(Duration.ofSeconds(6));
        assertThat(outcome.describe(List.of("working tree")))
                .isEqualTo("the stacks did not stand quiet within 6 s: working tree 0.60 of a core");
    }

    /** A stack's CPU time read once before waiting and once after each window, in which it uses these shares of a core. */
    private static LongSupplier stack(double... coresPerWindow) {
        List<Long> readings = new ArrayList<>(List.of(0L));
        long total = 0;
        for (double cores : coresPerWindow) {
            total += Math.round(cores * WINDOW);
            readings.add(total);
        }
        Iterator<Long> next = readings.iterator();
        return next::next;
    }
}
