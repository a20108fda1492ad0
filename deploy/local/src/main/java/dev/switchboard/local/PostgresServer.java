package dev.switchboard.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from Maven-packaged binaries, listening on loopback. It can be stopped and started
 * again on the same port and data directory, as a database outage would be.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final int port;
    private final Path dataDirectory;
    private final Path logFile;
    private final boolean temporary;
    private final boolean stopOnExit;
    private EmbeddedPostgres postgres;

    private PostgresServer(int port, Path dataDirectory, Path logFile, boolean temporary, boolean stopOnExit) {
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.temporary = temporary;
        this.stopOnExit = stopOnExit;
    }

    /**
     * Starts PostgreSQL on the given port (a free one when 0). With a data directory, the data outlives the server;
     * without one, a fresh temporary cluster is used and removed on close.
     */
    public static PostgresServer start(int port, Path dataDirectory, Path logFile) {
        return start(port, dataDirectory, logFile, true);
    }

    /**
     * As {@link #start(int, Path, Path)}; without {@code stopOnExit} the caller stops the server itself. The stack does:
     * its own exit hook stops the services first, and a second hook stopping PostgreSQL at the same moment would cut
     * their connections while they still answer.
     */
    public static PostgresServer start(int port, Path dataDirectory, Path logFile, boolean stopOnExit) {
        int pgPort = port == 0 ? Ports.free() : port;
        boolean temporary = dataDirectory == null;
        Path directory;
        try {
            directory = temporary ? Files.createTempDirectory("switchboard-postgres")
                    : Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the PostgreSQL data directory", e);
        }
        PostgresServer server = new PostgresServer(pgPort, directory, logFile, temporary, stopOnExit);
        try {
            server.postgres = server.startServer();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private EmbeddedPostgres startServer() {
        try {
            // Never cleaned by the library: a stop() before a restart() must keep the data; close() removes a temporary one.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopOnExit);
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
                builder.setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
        }
    }

    public boolean isRunning() {
        return postgres != null;
    }

    /** Shuts the server down (fast mode: open connections are cut) and frees its port; its data stays for restart(). */
    public void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    /** Starts the server again on the same port and data directory (stopping it first when it runs). */
    public void restart() {
        stop();
        postgres = startServer();
    }

    public void createDatabaseIfMissing(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet result = exists.executeQuery()) {
                if (result.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's processes on this machine: the postmaster listening on this port and its backends. */
    public List<ProcessHandle> processes() {
        return processes(port);
    }

    /** The processes of the PostgreSQL server listening on this port of this machine. */
    public static List<ProcessHandle> processes(int port) {
        String portArgument = "-p\0" + port + "\0";
        return ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains(portArgument)
                        && commandLine(process).contains("postgres"))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .toList();
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (temporary) {
                Directories.deleteRecursively(dataDirectory);
            }
        }
    }
}
