package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory tree, for data that is not to outlive a test broker or a benchmark run. */
public final class Directories {

    private Directories() {
    }

    /** Deletes the directory with everything in it; what cannot be deleted is left, with a warning. */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("warning: could not remove " + directory + ": " + e.getMessage());
        }
    }
}
