package dev.switchboard.telemetry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's Chromium, run headless on a fresh profile to load a page and print its DOM once its scripts have run. */
public final class Chromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private Chromium() {
    }

    /** The browser, from {@code CHROMIUM} or the usual paths; empty when none is installed. */
    public static Optional<Path> find() {
        return Stream.concat(Stream.ofNullable(System.getenv("CHROMIUM")), CANDIDATES.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The DOM after load and after the page's timers had {@code budgetMs} of virtual time. */
    public static String dumpDom(Path chromium, String url, int budgetMs) throws IOException, InterruptedException {
        return run(chromium, url, budgetMs, "--dump-dom");
    }

    /** A PNG of the page, for a person to look at. */
    public static void screenshot(Path chromium, String url, int budgetMs, Path png) throws IOException, InterruptedException {
        run(chromium, url, budgetMs, "--screenshot=" + png.toAbsolutePath());
    }

    private static String run(Path chromium, String url, int budgetMs, String action)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium-dom", ".html");
        Path err = Files.createTempFile("chromium-err", ".log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1800",
                "--virtual-time-budget=" + budgetMs, action, url));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("Chromium did not finish within 90 s; stderr: " + Files.readString(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || (dom.isBlank() && action.equals("--dump-dom"))) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + "; stderr: " + Files.readString(err));
            }
            return dom;
        } finally {
            process.destroyForcibly();
            delete(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }
}
