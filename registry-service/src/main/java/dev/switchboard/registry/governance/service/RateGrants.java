package dev.switchboard.registry.governance.service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.switchboard.registry.governance.LeaseRequest;
import dev.switchboard.registry.governance.LeaseResponse;

/**
 * The sliding log of request and token permits of one scope. A grant occupies the per-minute limit from when it is made
 * until {@link #WINDOW} after it can last be used: all of it until its usable end + 60 s while open; once its holder
 * closes it, only what was used, until the close + 60 s. A new grant is made only while the permits occupied now leave
 * room, so the calls accepted in any 60 s window never exceed the limit (docs/governance.md has the argument).
 */
@ApplicationScoped
class RateGrants {

    static final Duration WINDOW = Duration.ofSeconds(60);

    private final EntityManager db;

    RateGrants(EntityManager db) {
        this.db = db;
    }

    LeaseResponse.Rate grant(String scope, String holder, String kind, long limit, LeaseRequest.Rate ask, boolean release,
            Instant now, Duration ttl) {
        db.createNativeQuery("DELETE FROM rate_grant WHERE scope = ?1 AND kind = ?2 AND occupied_until <= ?3")
                .setParameter(1, scope).setParameter(2, kind).setParameter(3, Timestamp.from(now)).executeUpdate();
        if (ask.close() != null) {
            for (LeaseRequest.Closed closed : ask.close()) {
                close(scope, holder, kind, closed, now);
            }
        }
        long live = live(scope, kind);
        long want = ask.want() == null ? 0 : Math.max(0, ask.want());
        long granted = release ? 0 : Math.max(0, Math.min(want, limit - live));
        Long id = null;
        if (granted > 0) {
            Instant usableUntil = now.plus(ttl);
            id = ((Number) db
                    .createNativeQuery("INSERT INTO rate_grant (scope, holder, kind, amount, granted_at, usable_until, "
                            + "occupied_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")
                    .setParameter(1, scope).setParameter(2, holder).setParameter(3, kind).setParameter(4, granted)
                    .setParameter(5, Timestamp.from(now)).setParameter(6, Timestamp.from(usableUntil))
                    .setParameter(7, Timestamp.from(usableUntil.plus(WINDOW))).getSingleResult()).longValue();
        }
        long remaining = Math.max(0, limit - live - granted);
        return new LeaseResponse.Rate(limit, id, granted, remaining, remaining > 0 ? 0 : nextFreeMs(scope, kind, now));
    }

    /** The holder will use the grant no more: what it did not use is freed now, what it used stays for the window. */
    private void close(String scope, String holder, String kind, LeaseRequest.Closed closed, Instant now) {
        if (closed.grant() == null) {
            return;
        }
        long used = closed.used() == null ? Long.MAX_VALUE : Math.max(0, closed.used());
        String match = " WHERE id = ?1 AND scope = ?2 AND holder = ?3 AND kind = ?4 AND closed_at IS NULL";
        if (used == 0) {
            db.createNativeQuery("DELETE FROM rate_grant" + match).setParameter(1, closed.grant()).setParameter(2, scope)
                    .setParameter(3, holder).setParameter(4, kind).executeUpdate();
            return;
        }
        db.createNativeQuery("UPDATE rate_grant SET amount = least(amount, ?5), closed_at = ?6, "
                + "occupied_until = least(occupied_until, ?7)" + match)
                .setParameter(1, closed.grant()).setParameter(2, scope).setParameter(3, holder).setParameter(4, kind)
                .setParameter(5, used).setParameter(6, Timestamp.from(now)).setParameter(7, Timestamp.from(now.plus(WINDOW)))
                .executeUpdate();
    }

    private long live(String scope, String kind) {
        return ((Number) db.createNativeQuery("SELECT coalesce(sum(amount), 0) FROM rate_grant WHERE scope = ?1 AND kind = ?2")
                .setParameter(1, scope).setParameter(2, kind).getSingleResult()).longValue();
    }

    /** Milliseconds until the earliest occupied permit frees. */
    private long nextFreeMs(String scope, String kind, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> next = db.createNativeQuery("SELECT min(occupied_until) FROM rate_grant WHERE scope = ?1 AND kind = ?2")
                .setParameter(1, scope).setParameter(2, kind).getResultList();
        if (next.isEmpty() || next.get(0) == null) {
            return 0;
        }
        return Math.max(0, Duration.between(now, LeaseRows.instant(next.get(0))).toMillis());
    }
}
