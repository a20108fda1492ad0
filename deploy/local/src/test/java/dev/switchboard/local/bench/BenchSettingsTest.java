package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What {@code ./switchboard bench} makes of its arguments and environment. */
class BenchSettingsTest {

    @Test
    void withoutABaselineOneRoundOfTheDocumentedLengths() {
        BenchSettings settings = BenchSettings.parse(List.of(), Map.of());

        assertThat(settings.comparing()).isFalse();
        assertThat(settings.rounds()).isEqualTo(1);
        assertThat(settings.phase()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.warmUp()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.cold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.launcherOptions()).isEmpty();
        assertThat(settings.baselineEnvironment()).isEmpty();
    }

    @Test
    void aBaselineTakesTwoRoundsUnlessToldOtherwise() {
        assertThat(BenchSettings.parse(List.of("--baseline", "main~3"), Map.of()))
                .returns("main~3", BenchSettings::baseline).returns(2, BenchSettings::rounds);
        assertThat(BenchSettings.parse(List.of("--baseline=v1.0"), Map.of("SWITCHBOARD_BENCH_ROUNDS", "3")))
                .returns("v1.0", BenchSettings::baseline).returns(3, BenchSettings::rounds);
        assertThat(BenchSettings.parse(List.of("--baseline", "main~3"), Map.of()).round(1)).isEqualTo("round 1 of 2 (20 s)");
    }

    @Test
    void eachRoundStartsWithTheSideTheRoundBeforeEndedWith() {
        BenchSettings settings = BenchSettings.parse(List.of("--baseline", "HEAD"), Map.of("SWITCHBOARD_BENCH_ROUNDS", "3"));

        assertThat(settings.turns(0, 2)).as("the lead-in").containsExactly(1, 0);
        assertThat(settings.turns(1, 2)).containsExactly(0, 1);
        assertThat(settings.turns(2, 2)).containsExactly(1, 0);
        assertThat(settings.turns(3, 2)).containsExactly(0, 1);
        assertThat(settings.turns(2, 3)).containsExactly(2, 1, 0);
        assertThat(settings.turns(1, 1)).containsExactly(0);
        assertThat(settings.turns(2, 1)).containsExactly(0);
    }

    @Test
    void theRunsLengthIsPlannedFromItsPhasesRoundsAndSides() {
        // One side: 30 s right after ready, 180 s of warm-up, the lead-in and twelve runs of 20 s (the four phases paired
        // with the plain one run twice as long); 470 s.
        assertThat(BenchSettings.parse(List.of(), Map.of()).plannedMinutes(1, Bench.PHASES)).isEqualTo(8);
        // Two sides, two rounds: 420 s, two lead-ins and 22 runs of 20 s in each round; 1,340 s.
        assertThat(BenchSettings.parse(List.of("--baseline", "HEAD"), Map.of()).plannedMinutes(2, Bench.PHASES))
                .isEqualTo(22);
    }

    @Test
    void everyLengthIsSetByItsVariable() {
        BenchSettings settings = BenchSettings.parse(List.of(), Map.of("SWITCHBOARD_BENCH_SECONDS", "3",
                "SWITCHBOARD_BENCH_WARMUP_SECONDS", "0", "SWITCHBOARD_BENCH_COLD_SECONDS", "2",
                "SWITCHBOARD_LAUNCHER_OPTS", " -XX:+UseZGC  -Xmx512m "));

        assertThat(settings.phase()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.warmUp()).isZero();
        assertThat(settings.cold()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.launcherOptions()).containsExactly("-XX:+UseZGC", "-Xmx512m");
    }

    @Test
    void theBaselinesServicesMayRunWithOptionsOfTheirOwn() {
        BenchSettings settings = BenchSettings.parse(List.of("--baseline", "HEAD"),
                Map.of("SWITCHBOARD_BASELINE_JAVA_OPTS", "  -Xmn32m -XX:+UseSerialGC "));

        assertThat(settings.baselineJavaOptions()).isEqualTo("-Xmn32m -XX:+UseSerialGC");
        assertThat(settings.baselineEnvironment()).containsExactly(entry("SWITCHBOARD_JAVA_OPTS", "-Xmn32m -XX:+UseSerialGC"));
        assertThat(BenchSettings.parse(List.of("--baseline", "HEAD"), Map.of("SWITCHBOARD_BASELINE_JAVA_OPTS", " "))
                .baselineEnvironment()).isEmpty();
        assertThatThrownBy(() -> BenchSettings.parse(List.of(), Map.of("SWITCHBOARD_BASELINE_JAVA_OPTS", "-Xmn32m")))
                .hasMessageContaining("SWITCHBOARD_BASELINE_JAVA_OPTS needs a baseline to run with")
                .hasMessageContaining(BenchSettings.USAGE);
        assertThat(settings.baselineOptionsNote())
                .isEqualTo("; the baseline's services ran with SWITCHBOARD_JAVA_OPTS=-Xmn32m -XX:+UseSerialGC");
    }

    @Test
    void theBaselinesLauncherMayRunWithOptionsOfItsOwnAndTheHeadingSaysWhich() {
        BenchSettings settings = BenchSettings.parse(List.of("--baseline", "HEAD"),
                Map.of("SWITCHBOARD_LAUNCHER_OPTS", "-XX:+UseShenandoahGC -Xmx1g",
                        "SWITCHBOARD_BASELINE_LAUNCHER_OPTS", " -XX:+UseParallelGC  -Xmx1g "));

        assertThat(settings.launcherOptions()).containsExactly("-XX:+UseShenandoahGC", "-Xmx1g");
        assertThat(settings.baselineLaunchers()).containsExactly("-XX:+UseParallelGC", "-Xmx1g");
        assertThat(settings.baselineEnvironment()).isEmpty();
        assertThat(settings.baselineOptionsNote())
                .isEqualTo("; the baseline's launcher ran with SWITCHBOARD_LAUNCHER_OPTS=-XX:+UseParallelGC  -Xmx1g");

        BenchSettings alike = BenchSettings.parse(List.of("--baseline", "HEAD"),
                Map.of("SWITCHBOARD_LAUNCHER_OPTS", "-XX:+UseZGC", "SWITCHBOARD_BASELINE_LAUNCHER_OPTS", " "));
        assertThat(alike.baselineLaunchers()).containsExactly("-XX:+UseZGC");
        assertThat(alike.baselineOptionsNote()).isEmpty();
        assertThatThrownBy(() -> BenchSettings.parse(List.of(), Map.of("SWITCHBOARD_BASELINE_LAUNCHER_OPTS", "-Xmx1g")))
                .hasMessageContaining("SWITCHBOARD_BASELINE_LAUNCHER_OPTS needs a baseline to run with");
    }

    @Test
    void badArgumentsAndValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--baseline"), Map.of()))
                .hasMessageContaining("unexpected argument '--baseline'").hasMessageContaining(BenchSettings.USAGE);
        assertThatThrownBy(() -> BenchSettings.parse(List.of("--fast"), Map.of()))
                .hasMessageContaining("unexpected argument '--fast'");
        assertThatThrownBy(() -> BenchSettings.parse(List.of(), Map.of("SWITCHBOARD_BENCH_SECONDS", "0")))
                .hasMessageContaining("SWITCHBOARD_BENCH_SECONDS must be a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> BenchSettings.parse(List.of(), Map.of("SWITCHBOARD_BENCH_ROUNDS", "two")))
                .hasMessageContaining("SWITCHBOARD_BENCH_ROUNDS must be a whole number of at least 1, not 'two'");
    }
}
