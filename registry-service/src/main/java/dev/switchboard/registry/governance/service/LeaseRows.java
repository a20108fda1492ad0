package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The {@code governance_lease} rows: one per scope and holder, with the budget granted and seen spent in the current
 * period and the parallel slots held. A lease counts until its {@code released_at}, by when every call reserved under
 * it has ended and been seen on the usage topic.
 */
@ApplicationScoped
class LeaseRows {

    /** A holder's lease as stored. */
    record Row(Instant periodStart, BigDecimal budget, BigDecimal spent, int parallel) {
    }

    private final EntityManager db;

    LeaseRows(EntityManager db) {
        this.db = db;
    }

    Row load(String scope, String holder) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = db.createNativeQuery("SELECT period_start, budget_usd, spent_usd, parallel FROM governance_lease "
                + "WHERE scope = ?1 AND holder = ?2 FOR UPDATE")
                .setParameter(1, scope).setParameter(2, holder).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Row(instant(row[0]), (BigDecimal) row[1], (BigDecimal) row[2], ((Number) row[3]).intValue());
    }

    void save(String scope, String holder, Row row, Instant expiresAt, Instant releasedAt) {
        db.createNativeQuery("INSERT INTO governance_lease (scope, holder, period_start, budget_usd, spent_usd, parallel, "
                + "expires_at, released_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (scope, holder) DO UPDATE SET "
                + "period_start = EXCLUDED.period_start, budget_usd = EXCLUDED.budget_usd, spent_usd = EXCLUDED.spent_usd, "
                + "parallel = EXCLUDED.parallel, expires_at = EXCLUDED.expires_at, released_at = EXCLUDED.released_at")
                .setParameter(1, scope).setParameter(2, holder).setParameter(3, Timestamp.from(row.periodStart()))
                .setParameter(4, row.budget()).setParameter(5, row.spent()).setParameter(6, row.parallel())
                .setParameter(7, Timestamp.from(expiresAt)).setParameter(8, Timestamp.from(releasedAt))
                .executeUpdate();
    }

    /** USD the other holders' leases of the period may still spend: what they were granted and have not been seen spend. */
    BigDecimal othersOutstanding(String scope, String holder, Instant periodStart, Instant now) {
        Object sum = db.createNativeQuery("SELECT coalesce(sum(greatest(budget_usd - spent_usd, 0)), 0) FROM governance_lease "
                + "WHERE scope = ?1 AND holder <> ?2 AND period_start = ?3 AND released_at > ?4")
                .setParameter(1, scope).setParameter(2, holder).setParameter(3, Timestamp.from(periodStart))
                .setParameter(4, Timestamp.from(now)).getSingleResult();
        return (BigDecimal) sum;
    }

    int othersParallel(String scope, String holder, Instant now) {
        Object sum = db.createNativeQuery("SELECT coalesce(sum(parallel), 0) FROM governance_lease "
                + "WHERE scope = ?1 AND holder <> ?2 AND released_at > ?3")
                .setParameter(1, scope).setParameter(2, holder).setParameter(3, Timestamp.from(now)).getSingleResult();
        return ((Number) sum).intValue();
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.time.OffsetDateTime) value).toInstant();
    }
}
