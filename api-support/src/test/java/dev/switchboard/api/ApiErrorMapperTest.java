package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpServerResponse;

import dev.switchboard.contracts.ApiError;

/**
 * A database that is away is a 503 the caller may retry, not a 500; any other unexpected failure stays a 500; a body
 * the HTTP layer cut off keeps the answer it already got.
 */
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

    @Test
    void aBodyCutOffByTheHttpLayerKeepsItsAnswerAndGetsNoSecondOne() {
        Response response = mapper.unreadable(new IOException("Request body too large"), uri("/v1/chat/completions"),
                serverResponse(true, 413));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.hasEntity()).isFalse();
    }

    @Test
    void aBodyThatCouldNotBeReadIsA400WhenNothingWasAnswered() {
        Response response = mapper.unreadable(new IOException("Connection reset"), uri("/v1/chat/completions"),
                serverResponse(false, 200));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((ApiError) response.getEntity()).error().message()).isEqualTo("The request body could not be read.");
    }

    private static HttpServerResponse serverResponse(boolean ended, int status) {
        return (HttpServerResponse) Proxy.newProxyInstance(HttpServerResponse.class.getClassLoader(),
                new Class<?>[] { HttpServerResponse.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "ended" -> ended;
                    case "getStatusCode" -> status;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> method.getName().equals("getPath") ? path : null);
    }
}
