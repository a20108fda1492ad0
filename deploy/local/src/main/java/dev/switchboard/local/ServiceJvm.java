package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The JVM the services run on, and its start-up cache. Where a JDK 25 or later is installed beside the launcher's (or
 * named by {@code SWITCHBOARD_SERVICES_JAVA_HOME}), the services run on it with an ahead-of-time cache (classes loaded
 * and linked, and method profiles, from an earlier run); else on the launcher's JVM with an application class-data
 * archive (classes loaded, from an earlier run). A service started without a current cache records one, written when
 * it stops; the next start uses it.
 *
 * @param javaHome the JDK's directory
 * @param feature its major version
 * @param caching whether the services use and record their start-up cache ({@code SWITCHBOARD_STARTUP_CACHE=off}
 *        turns it off: the test suites' stacks, which would pay for recording at every stop after a build)
 */
public record ServiceJvm(Path javaHome, int feature, boolean caching) {

    public ServiceJvm(Path javaHome, int feature) {
        this(javaHome, feature, true);
    }

    /** From this release on, a JVM writes its ahead-of-time cache in the same run that records it. */
    static final int AOT_CACHE_FEATURE = 25;

    /** Where the system's JDKs are installed side by side. */
    private static final Path SYSTEM_JDKS = Path.of("/usr/lib/jvm");

    /** The services' JVM of a stack, chosen from this process's environment and the stack's own. */
    public static ServiceJvm forStack(StackSettings settings) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(settings.extraEnvironment());
        return choose(env);
    }

    /** The JDK named by {@code SWITCHBOARD_SERVICES_JAVA_HOME}, else the newest JDK 25+ installed, else this one. */
    public static ServiceJvm choose(Map<String, String> env) {
        ServiceJvm chosen = chooseJdk(env);
        boolean caching = !"off".equalsIgnoreCase(env.getOrDefault("SWITCHBOARD_STARTUP_CACHE", "on").trim());
        return new ServiceJvm(chosen.javaHome(), chosen.feature(), caching);
    }

    private static ServiceJvm chooseJdk(Map<String, String> env) {
        String named = env.get("SWITCHBOARD_SERVICES_JAVA_HOME");
        if (named != null && !named.isBlank()) {
            Path home = Path.of(named.trim());
            return feature(home).map(feature -> new ServiceJvm(home, feature)).orElseThrow(
                    () -> new IllegalArgumentException("SWITCHBOARD_SERVICES_JAVA_HOME is not a JDK: " + named));
        }
        Path own = Path.of(System.getProperty("java.home"));
        ServiceJvm launchers = new ServiceJvm(own, Runtime.version().feature());
        return installed(SYSTEM_JDKS).stream().filter(jvm -> jvm.feature() >= AOT_CACHE_FEATURE)
                .max(Comparator.comparingInt(ServiceJvm::feature)).orElse(launchers);
    }

    /** The JDKs in a directory of JDKs, each read from its {@code release} file. */
    static List<ServiceJvm> installed(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(directory)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .flatMap(home -> feature(home).map(feature -> new ServiceJvm(home, feature)).stream()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code -XX:TrimNativeHeapInterval}, where this JDK has it (17.0.9, 21.0.1, 22 and later): every few seconds the
     * JVM hands the memory glibc's allocator holds but no longer uses (what the JIT compilers freed after a burst of
     * compiling, say) back to the system.
     */
    public List<String> nativeHeapTrimOptions() {
        return trimsNativeHeap(version(javaHome).orElse(List.of()))
                ? List.of("-XX:TrimNativeHeapInterval=" + NATIVE_HEAP_TRIM_MILLIS)
                : List.of();
    }

    /** How often a service's JVM trims glibc's heap. */
    static final int NATIVE_HEAP_TRIM_MILLIS = 5000;

    /** Whether a JDK of this version (major, minor, update...) has {@code -XX:TrimNativeHeapInterval}. */
    static boolean trimsNativeHeap(List<Integer> version) {
        if (version.isEmpty()) {
            return false;
        }
        int feature = version.get(0);
        int update = version.size() > 2 ? version.get(2) : 0;
        return feature >= 22 || feature == 21 && update >= 1 || feature == 17 && update >= 9;
    }

    public String java() {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    public boolean aheadOfTimeCache() {
        return feature >= AOT_CACHE_FEATURE;
    }

    /**
     * A service's cache: the one beside its build ({@code target/quarkus-app}) when it is newer than every file of the
     * build, or else a new one to record, into a file of this start's own (two stacks of one tree may record at once)
     * that {@link StartupCache#keep()} moves into place once the service has stopped.
     */
    public StartupCache startupCache(Path applicationDirectory) {
        if (!caching) {
            return new StartupCache(List.of(), null, null);
        }
        String extension = aheadOfTimeCache() ? ".aot" : ".jsa";
        Path cache = applicationDirectory.resolve("switchboard-jdk" + feature + extension);
        if (isCurrent(cache, applicationDirectory)) {
            return new StartupCache(
                    List.of((aheadOfTimeCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache), null, cache);
        }
        Path recording = applicationDirectory.resolve("switchboard-jdk" + feature + "-" + UUID.randomUUID() + extension);
        return new StartupCache(
                List.of((aheadOfTimeCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + recording),
                recording, cache);
    }

    /**
     * The options a service starts with for its cache; when {@code recording} is set, the file its JVM writes as it
     * stops, to become {@code cache}.
     */
    public record StartupCache(List<String> options, Path recording, Path cache) {

        public boolean records() {
            return recording != null;
        }

        /** Once the service has stopped: moves what it recorded into place (a killed service recorded nothing). */
        public void keep() {
            if (recording == null || !Files.isRegularFile(recording)) {
                return;
            }
            try {
                Files.move(recording, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(recording);
                } catch (IOException ignored) {
                    // Left behind: the next build's clean removes it.
                }
            }
        }
    }

    /** Whether the cache exists and no file of the build it was recorded from has changed since. */
    static boolean isCurrent(Path cache, Path applicationDirectory) {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(applicationDirectory)) {
            FileTime recorded = Files.getLastModifiedTime(cache);
            return files.filter(file -> file.toString().endsWith(".jar") || file.toString().endsWith(".dat"))
                    .noneMatch(file -> modified(file).compareTo(recorded) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The major version a JDK's {@code release} file states ({@code JAVA_VERSION="25.0.1"}). */
    static Optional<Integer> feature(Path javaHome) {
        return version(javaHome).map(version -> version.get(0));
    }

    /** The version a JDK's {@code release} file states, as numbers: {@code "17.0.15"} is 17, 0, 15. */
    static Optional<List<Integer>> version(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String numbers = (version.startsWith("1.") ? version.substring(2) : version).split("[+_-]")[0];
        try {
            return Optional.of(Stream.of(numbers.split("\\.")).map(Integer::parseInt).toList());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
