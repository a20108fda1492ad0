package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running service JVM, with its log file and its readiness probe. */
public final class ServiceProcess {

    private static final Duration RECORDING_GRACE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final Process process;
    private final Path logFile;
    private final ServiceJvm.StartupCache cache;

    private ServiceProcess(ServiceSpec spec, Process process, Path logFile, ServiceJvm.StartupCache cache) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
        this.cache = cache;
    }

    /** Starts the service on the JVM {@link ServiceJvm#choose} picks, with its start-up cache. */
    public static ServiceProcess start(ServiceSpec spec, Path repository, Path logDirectory, List<String> javaOptions) {
        return start(spec, repository, logDirectory, ServiceJvm.choose(System.getenv()), javaOptions);
    }

    public static ServiceProcess start(ServiceSpec spec, Path repository, Path logDirectory, ServiceJvm jvm,
            List<String> javaOptions) {
        Path jar = spec.runnableJar(repository);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests");
        }
        Path logFile = logDirectory.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>();
        ServiceJvm.StartupCache cache = jvm.startupCache(jar.getParent());
        command.add(jvm.java());
        command.addAll(cache.options());
        command.addAll(jvm.nativeHeapTrimOptions());
        command.addAll(javaOptions);
        command.add("-Dquarkus.http.port=" + spec.port());
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + spec.managementPort());
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        // glibc gives each busy thread its own malloc arena; two are plenty for a JVM and keep resident memory down.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(spec.environment());
        try {
            Files.createDirectories(logDirectory);
            return new ServiceProcess(spec, builder.start(), logFile, cache);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name(), e);
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the service's log, for an error message when it failed to start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public boolean isReady() {
        return isReady(spec.managementUrl());
    }

    /** Whether the service whose management interface is at this URL answers 200 on its readiness endpoint. */
    public static boolean isReady(String managementUrl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this router lists at least one provider that an adapter serves right now. */
    public boolean servesAProvider(String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.url() + "/v1/providers"))
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"served\":true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Asks the JVM to shut down (SIGTERM), and kills it when it has not stopped within the grace period (a JVM recording
     * its start-up cache gets a minute: it writes the cache as it stops). Then keeps the cache it recorded.
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            cache.keep();
            return;
        }
        process.destroy();
        Duration wait = cache.records() && grace.compareTo(RECORDING_GRACE) < 0 ? RECORDING_GRACE : grace;
        try {
            if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            cache.keep();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the JVM at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
    }
}
