package dev.switchboard.telemetry.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.contracts.RequestLogLevel;
import dev.switchboard.contracts.UsageEvent;

/**
 * Stores the bodies of the attempts whose request log is {@code full}, masked, in the transaction that stores their
 * events; an attempt without bodies costs nothing here.
 */
@ApplicationScoped
public class RequestBodies {

    private static final String INSERT = """
            INSERT INTO request_body (request_id, attempt, occurred_at, request_body, response_body)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (request_id, attempt) DO NOTHING
            """;

    private final BodyMasker masker;

    public RequestBodies(BodyMasker masker) {
        this.masker = masker;
    }

    /** Stores the bodies the events carry; {@code events} are only those stored for the first time. */
    public void storeAll(Connection connection, List<UsageEvent> events) throws SQLException {
        PreparedStatement insert = null;
        try {
            for (UsageEvent event : events) {
                if (event.bodies() == null || event.requestLog() == RequestLogLevel.OFF) {
                    continue;
                }
                if (insert == null) {
                    insert = connection.prepareStatement(INSERT);
                }
                insert.setString(1, event.requestId());
                insert.setInt(2, event.attempt());
                insert.setTimestamp(3, Timestamp.from(event.timestamp()));
                insert.setString(4, text(masker.mask(event.bodies().request())));
                insert.setString(5, text(masker.mask(event.bodies().response())));
                insert.addBatch();
            }
            if (insert != null) {
                insert.executeBatch();
            }
        } finally {
            if (insert != null) {
                insert.close();
            }
        }
    }

    private static String text(JsonNode body) {
        return body == null ? null : body.toString();
    }
}
