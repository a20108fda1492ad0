package dev.switchboard.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.switchboard.local.Directories;

/**
 * The commit a benchmark compares with, checked out in a temporary git worktree (detached, so no branch moves) and
 * built there with its own Maven wrapper; removed again on close.
 */
final class BaselineTree implements AutoCloseable {

    private final Path repository;
    private final Path directory;
    private final String ref;
    private final String commit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BaselineTree(Path repository, Path directory, String ref, String commit) {
        this.repository = repository;
        this.directory = directory;
        this.ref = ref;
        this.commit = commit;
    }

    /** Resolves the ref to a commit and checks it out under the parent directory. */
    static BaselineTree checkout(Path repository, String ref, Path parent) {
        String commit;
        try {
            commit = git(repository, "rev-parse", "--verify", "--quiet", ref + "^{commit}").trim();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--baseline " + ref + " names no commit of " + repository);
        }
        Path directory = parent.resolve("baseline-" + commit.substring(0, 12));
        git(repository, "worktree", "add", "--detach", directory.toString(), commit);
        return new BaselineTree(repository, directory, ref, commit);
    }

    /** The build that makes the jars {@code ./switchboard up} runs: no tests, no formatting of the sources. */
    List<String> buildCommand() {
        return List.of(directory.resolve("mvnw").toString(), "-B", "-ntp", "-q", "package", "-DskipTests",
                "-Dformatter.skip", "-Dimpsort.skip");
    }

    /** Builds the checked-out commit; its output goes to the log, whose end is shown when the build fails. */
    void build(Path log, Consumer<String> progress) {
        progress.accept("building " + ref + " (" + commit.substring(0, 12) + ") in " + directory + " (log: " + log + ")");
        long started = System.nanoTime();
        int exitCode = run(new ProcessBuilder(buildCommand()).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()));
        if (exitCode != 0) {
            throw new IllegalStateException("the build of " + ref + " failed (exit code " + exitCode + "):\n"
                    + tail(log, 30) + "\nsee " + log);
        }
        progress.accept("built " + ref + " in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    Path directory() {
        return directory;
    }

    /** How the report names this side: the ref as given, with the commit it stood for. */
    String label() {
        return "baseline " + ref + " (" + commit.substring(0, 7) + ")";
    }

    String commit() {
        return commit;
    }

    /** Removes the worktree, with its build. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            git(repository, "worktree", "remove", "--force", directory.toString());
        } catch (IllegalStateException e) {
            Directories.deleteRecursively(directory);
            git(repository, "worktree", "prune");
        }
    }

    private static String git(Path repository, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }

    private static int run(ProcessBuilder builder) {
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
