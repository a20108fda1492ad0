package dev.switchboard.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline of {@code bench --baseline}: the ref checked out in a worktree of its own and built there with its own
 * wrapper. A throwaway repository whose {@code mvnw} only writes down how it was called stands in for the real build.
 */
class BaselineTreeTest {

    /** A Maven wrapper that records its arguments and directory, and fails when told to. */
    private static final String FAKE_MVNW = """
            #!/bin/sh
            echo "$PWD" > built-in
            echo "$@" > built-with
            if [ -f fail ]; then echo "BUILD FAILURE: the tests do not compile"; exit 1; fi
            echo "BUILD SUCCESS"
            """;

    @TempDir
    Path repository;
    @TempDir
    Path work;

    @BeforeEach
    void twoCommits() throws IOException {
        git("init", "-q", "-b", "main");
        Files.writeString(repository.resolve("mvnw"), FAKE_MVNW);
        Files.setPosixFilePermissions(repository.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(repository.resolve("version.txt"), "old\n");
        git("add", ".");
        git("commit", "-q", "-m", "old");
        Files.writeString(repository.resolve("version.txt"), "new\n");
        git("commit", "-q", "-am", "new");
        Files.writeString(repository.resolve("version.txt"), "uncommitted\n");
    }

    @Test
    void theRefIsCheckedOutApartAndBuiltWithItsOwnWrapperThenRemoved() throws IOException {
        String oldCommit = git("rev-parse", "HEAD~1").trim();
        BaselineTree baseline = BaselineTree.checkout(repository, "main~1", work);
        Path tree = baseline.directory();

        assertThat(tree).startsWith(work);
        assertThat(baseline.commit()).isEqualTo(oldCommit);
        assertThat(baseline.label()).isEqualTo("baseline main~1 (" + oldCommit.substring(0, 7) + ")");
        assertThat(Files.readString(tree.resolve("version.txt"))).isEqualTo("old\n");
        assertThat(Files.readString(repository.resolve("version.txt"))).isEqualTo("uncommitted\n");
        assertThat(git("rev-parse", "--abbrev-ref", "HEAD").trim()).isEqualTo("main");
        assertThat(git("worktree", "list")).contains(tree.toString());
        assertThat(baseline.buildCommand()).containsExactly(tree.resolve("mvnw").toString(), "-B", "-ntp", "-q", "package",
                "-DskipTests", "-Dformatter.skip", "-Dimpsort.skip");

        List<String> progress = new ArrayList<>();
        baseline.build(work.resolve("build.log"), progress::add);

        assertThat(Files.readString(tree.resolve("built-in")).trim()).isEqualTo(tree.toRealPath().toString());
        assertThat(Files.readString(tree.resolve("built-with")).trim())
                .isEqualTo("-B -ntp -q package -DskipTests -Dformatter.skip -Dimpsort.skip");
        assertThat(Files.readString(work.resolve("build.log"))).contains("BUILD SUCCESS");
        assertThat(progress).hasSize(2).first().asString().contains("building main~1 (" + oldCommit.substring(0, 12));

        baseline.close();

        assertThat(tree).doesNotExist();
        assertThat(git("worktree", "list")).doesNotContain(tree.toString());
        assertThat(Files.readString(repository.resolve("version.txt"))).isEqualTo("uncommitted\n");
    }

    @Test
    void aFailedBuildSaysWhyAndTheTreeCanStillBeRemoved() throws IOException {
        BaselineTree baseline = BaselineTree.checkout(repository, "HEAD", work);
        Files.writeString(baseline.directory().resolve("fail"), "");

        assertThatThrownBy(() -> baseline.build(work.resolve("build.log"), line -> {
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the build of HEAD failed (exit code 1)")
                .hasMessageContaining("BUILD FAILURE: the tests do not compile");

        baseline.close();
        assertThat(baseline.directory()).doesNotExist();
    }

    @Test
    void aRefThatNamesNoCommitIsRefusedBeforeAnythingIsCheckedOut() throws IOException {
        assertThatThrownBy(() -> BaselineTree.checkout(repository, "no-such-branch", work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--baseline no-such-branch names no commit");
        try (var entries = Files.list(work)) {
            assertThat(entries).isEmpty();
        }
    }

    private String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString(), "-c", "user.name=bench",
                "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
            return output;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
