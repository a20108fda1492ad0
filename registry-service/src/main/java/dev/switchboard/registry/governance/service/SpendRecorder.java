package dev.switchboard.registry.governance.service;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.switchboard.registry.governance.SpendEvent;

/**
 * Adds a batch of priced usage to the books: per scope and day, per lease (what its holder has been seen to spend), and
 * each key's last use. Everything is summed first and written in a fixed order (keys, then days, then leases), once
 * per batch, so no row is written per call and concurrent lease grants, which lock keys first too, never deadlock
 * with it. Spend of keys the registry does not manage (the static SWITCHBOARD_API_KEY ones) is not kept.
 */
@ApplicationScoped
public class SpendRecorder {

    private final EntityManager db;

    public SpendRecorder(EntityManager db) {
        this.db = db;
    }

    /** Must run inside a transaction. */
    public void record(List<SpendEvent> events) {
        Map<String, Instant> lastUse = new TreeMap<>();
        Map<DayKey, Totals> days = new TreeMap<>();
        Map<LeaseKey, BigDecimal> leases = new TreeMap<>();
        for (SpendEvent event : events) {
            if (event.keyId() == null) {
                continue;
            }
            lastUse.merge(event.keyId(), event.at(), (a, b) -> a.isAfter(b) ? a : b);
            LocalDate day = LocalDate.ofInstant(event.at(), ZoneOffset.UTC);
            days.merge(new DayKey("key:" + event.keyId(), day, event.keyId(), event.teamId()), Totals.of(event.costUsd()),
                    Totals::plus);
            if (event.teamId() != null) {
                days.merge(new DayKey("team:" + event.teamId(), day, null, event.teamId()), Totals.of(event.costUsd()),
                        Totals::plus);
            }
            if (event.holder() != null && event.costUsd().signum() > 0) {
                leases.merge(new LeaseKey("key:" + event.keyId(), event.holder(), day), event.costUsd(), BigDecimal::add);
                if (event.teamId() != null) {
                    leases.merge(new LeaseKey("team:" + event.teamId(), event.holder(), day), event.costUsd(),
                            BigDecimal::add);
                }
            }
        }
        lastUse.forEach(this::touch);
        days.forEach(this::addDay);
        leases.forEach(this::addLease);
    }

    private void touch(String keyId, Instant at) {
        db.createNativeQuery(
                "UPDATE api_key SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?2)")
                .setParameter(1, keyId).setParameter(2, Timestamp.from(at)).executeUpdate();
    }

    /** A key's own spend when the key is managed; its team's when the call named one, else the key's current team's. */
    private void addDay(DayKey key, Totals totals) {
        String owner = key.keyId() != null
                ? "SELECT 1 FROM api_key WHERE id = ?5"
                : "SELECT 1 FROM team WHERE id = ?5";
        db.createNativeQuery("INSERT INTO spend_day (scope, day, spend_usd, requests) SELECT ?1, ?2, ?3, ?4 WHERE EXISTS ("
                + owner + ") ON CONFLICT (scope, day) DO UPDATE SET spend_usd = spend_day.spend_usd + EXCLUDED.spend_usd, "
                + "requests = spend_day.requests + EXCLUDED.requests")
                .setParameter(1, key.scope()).setParameter(2, Date.valueOf(key.day())).setParameter(3, totals.usd())
                .setParameter(4, totals.requests())
                .setParameter(5, key.keyId() != null ? key.keyId() : key.teamId())
                .executeUpdate();
        if (key.keyId() != null && key.teamId() == null) {
            db.createNativeQuery("INSERT INTO spend_day (scope, day, spend_usd, requests) SELECT 'team:' || team, ?2, ?3, ?4 "
                    + "FROM api_key WHERE id = ?1 AND team IS NOT NULL ON CONFLICT (scope, day) DO UPDATE SET "
                    + "spend_usd = spend_day.spend_usd + EXCLUDED.spend_usd, requests = spend_day.requests + EXCLUDED.requests")
                    .setParameter(1, key.keyId()).setParameter(2, Date.valueOf(key.day())).setParameter(3, totals.usd())
                    .setParameter(4, totals.requests()).executeUpdate();
        }
    }

    /** Spend counts against a lease only in the period it was reserved in; one of an earlier period was reset. */
    private void addLease(LeaseKey key, BigDecimal usd) {
        db.createNativeQuery("UPDATE governance_lease SET spent_usd = spent_usd + ?3 WHERE scope = ?1 AND holder = ?2 "
                + "AND period_start <= ?4")
                .setParameter(1, key.scope()).setParameter(2, key.holder()).setParameter(3, usd)
                .setParameter(4, Timestamp.from(key.day().atStartOfDay(ZoneOffset.UTC).toInstant()))
                .executeUpdate();
    }

    private record DayKey(String scope, LocalDate day, String keyId, String teamId) implements Comparable<DayKey> {

        @Override
        public int compareTo(DayKey other) {
            return ORDER.compare(this, other);
        }

        private static final Comparator<DayKey> ORDER = Comparator.comparing(DayKey::scope).thenComparing(DayKey::day)
                .thenComparing(DayKey::teamId, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private record LeaseKey(String scope, String holder, LocalDate day) implements Comparable<LeaseKey> {

        @Override
        public int compareTo(LeaseKey other) {
            int byScope = scope.compareTo(other.scope);
            if (byScope != 0) {
                return byScope;
            }
            int byHolder = holder.compareTo(other.holder);
            return byHolder != 0 ? byHolder : day.compareTo(other.day);
        }
    }

    private record Totals(BigDecimal usd, long requests) {

        static Totals of(BigDecimal usd) {
            return new Totals(usd, 1);
        }

        Totals plus(Totals other) {
            return new Totals(usd.add(other.usd), requests + other.requests);
        }
    }
}
