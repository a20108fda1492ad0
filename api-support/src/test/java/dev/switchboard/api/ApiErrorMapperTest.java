package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import dev.switchboard.contracts.ApiError;

/** A database that is away is a 503 the caller may retry, not a 500; any other unexpected failure stays a 500. */
class ApiErrorMapperTest {

    private final ApiErrorMapper mapper = new ApiErrorMapper();

    @Test
    void aLostDatabaseConnectionIsARetryable503() {
        for (Exception away : new Exception[] {
                new IllegalStateException("JDBC exception", new SQLException("I/O error", "08006")),
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")),
                new RuntimeException(new SQLTransientConnectionException("acquisition timeout")) }) {
            Response response = mapper.unexpected(away, uri("/governance/leases"));

            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(((ApiError) response.getEntity()).error().code()).isEqualTo("database_unavailable");
        }
    }

    @Test
    void otherFailuresStayA500WithoutDetail() {
        Response response = mapper.unexpected(new RuntimeException(new SQLException("syntax error", "42601")),
                uri("/models"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(((ApiError) response.getEntity()).error().message()).doesNotContain("syntax");
    }

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> method.getName().equals("getPath") ? path : null);
    }
}
