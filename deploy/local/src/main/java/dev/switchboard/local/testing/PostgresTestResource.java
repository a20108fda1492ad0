package dev.switchboard.local.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.switchboard.local.PostgresServer;

/** Starts the same embedded PostgreSQL the local stack uses, with a fresh, empty database. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "switchboard";

    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        postgres = PostgresServer.start(0, null, null);
        postgres.createDatabaseIfMissing(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
