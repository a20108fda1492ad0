package dev.switchboard.telemetry.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

import dev.switchboard.contracts.UsageEvent;
import dev.switchboard.telemetry.Pricing;
import dev.switchboard.telemetry.requests.RequestBodies;
import dev.switchboard.telemetry.stats.RollupDelta;
import dev.switchboard.telemetry.stats.RollupWriter;

/**
 * Stores events once per (request id, attempt) and, in the same transaction and only for rows that were new, adds them
 * to the minute and hour rollups and stores the request log's bodies they carry: a redelivered event changes nothing.
 * An event whose call's request log is {@code off} is stored and counted like any other, marked to stay out of the log.
 */
@ApplicationScoped
public class UsageStore {

    private final AgroalDataSource dataSource;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    public UsageStore(AgroalDataSource dataSource, RequestBodies bodies, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    /**
     * Stores a batch in one transaction: events not stored before are inserted and added to the rollups; the result
     * says, per event in order, whether it was new.
     */
    public boolean[] storeAll(List<PricedEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean[] inserted = insertAll(connection, events);
                List<RollupDelta> deltas = new ArrayList<>();
                List<UsageEvent> stored = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    if (inserted[i]) {
                        deltas.add(RollupDelta.of(events.get(i).event(), events.get(i).pricing()));
                        stored.add(events.get(i).event());
                    }
                }
                if (!deltas.isEmpty()) {
                    RollupWriter.addAll(connection, deltas);
                    bodies.storeAll(connection, stored);
                }
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** An event with its price, ready to be stored. */
    public record PricedEvent(UsageEvent event, Pricing pricing) {
    }

    /**
     * One statement for the whole batch; the keys it returns are the rows that were new. Of a key the batch holds more
     * than once, the first is the new one and the rest are duplicates, as they would be one after the other.
     */
    private boolean[] insertAll(Connection connection, List<PricedEvent> events) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(UsageColumns.INSERT)) {
            UsageColumns.bind(insert, events, mapper);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(key(rows.getString(1), rows.getInt(2)));
                }
            }
        }
        boolean[] isNew = new boolean[events.size()];
        for (int i = 0; i < isNew.length; i++) {
            UsageEvent event = events.get(i).event();
            isNew[i] = inserted.remove(key(event.requestId(), event.attempt()));
        }
        return isNew;
    }

    private static String key(String requestId, int attempt) {
        return attempt + ":" + requestId;
    }
}
