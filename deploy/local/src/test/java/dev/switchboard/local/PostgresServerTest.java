package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL can be stopped and started again on the same port, with its data, as an outage would be. */
class PostgresServerTest {

    @Test
    void aRowWrittenBeforeAStopIsReadAfterTheRestartAndATemporaryClusterIsRemovedOnClose() throws Exception {
        Path data;
        try (PostgresServer postgres = PostgresServer.start(0, null, null)) {
            data = postgres.dataDirectory();
            postgres.createDatabaseIfMissing("outage");
            execute(postgres, "CREATE TABLE survivor (name TEXT)");
            execute(postgres, "INSERT INTO survivor VALUES ('before')");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            assertThat(Ports.inUse(postgres.port())).isFalse();
            assertThatThrownBy(() -> execute(postgres, "SELECT 1")).isInstanceOf(SQLException.class);

            postgres.restart();
            assertThat(postgres.isRunning()).isTrue();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("outage"), PostgresServer.USER,
                    PostgresServer.PASSWORD);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name FROM survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("before");
            }
        }
        assertThat(data).doesNotExist();
    }

    private static void execute(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("outage"), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
