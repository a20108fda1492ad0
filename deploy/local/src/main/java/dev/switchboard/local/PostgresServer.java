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

/** A real PostgreSQL server started from Maven-packaged binaries, listening on loopback. */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on the given port (a free one when 0). With a data directory, the data outlives the server;
     * without one, a fresh temporary cluster is used and removed on close.
     */
    public static PostgresServer start(int port, Path dataDirectory, Path logFile) {
        int pgPort = port == 0 ? Ports.free() : port;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(pgPort)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
                builder.setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
            }
            return new PostgresServer(builder.start(), pgPort);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on port " + pgPort, e);
        }
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
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
