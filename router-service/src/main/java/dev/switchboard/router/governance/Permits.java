package dev.switchboard.router.governance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One kind of rate permit (requests, or tokens) this replica holds for a scope: the grants the registry made it, each
 * usable until its lease's end as timed from when it was asked for. A grant this replica will use no more is closed on
 * its next lease request, with how much of it was used. Not thread-safe: its {@link ScopeLease} guards it.
 */
final class Permits {

    /** A grant from the registry. */
    static final class Grant {

        final long id;
        final long amount;
        final long usableUntilNanos;
        long used;

        Grant(long id, long amount, long usableUntilNanos) {
            this.id = id;
            this.amount = amount;
            this.usableUntilNanos = usableUntilNanos;
        }

        long left() {
            return amount - used;
        }
    }

    private final List<Grant> open = new ArrayList<>(2);
    private final List<LeaseExchange.Closed> closed = new ArrayList<>(2);
    /** The registry's last word: the limit, what was left for anyone, and when the next permit frees. */
    long limit;
    long remaining;
    long resetMs;
    /** The last request could not get what it wanted: the registry had no more. */
    boolean exhausted;

    long available(long now) {
        long total = 0;
        for (Grant grant : open) {
            if (grant.usableUntilNanos > now) {
                total += grant.left();
            }
        }
        return total;
    }

    /** Whether one usable grant has {@code n} left. */
    boolean fits(long n, long now) {
        for (Grant grant : open) {
            if (grant.usableUntilNanos > now && grant.left() >= n) {
                return true;
            }
        }
        return false;
    }

    /** Takes {@code n} from one usable grant that has them, or returns null. */
    Grant take(long n, long now) {
        for (Grant grant : open) {
            if (grant.usableUntilNanos > now && grant.left() >= n) {
                grant.used += n;
                return grant;
            }
        }
        return null;
    }

    /** Gives back what a call took and did not use, while its grant is still open. */
    void giveBack(Grant grant, long n) {
        if (grant != null && n > 0 && open.contains(grant)) {
            grant.used = Math.max(0, grant.used - n);
        }
    }

    /** Takes more for a call that used more than it took, from its own grant when that has it; true when it did. */
    boolean takeMore(Grant grant, long n) {
        if (grant != null && open.contains(grant) && grant.left() >= n) {
            grant.used += n;
            return true;
        }
        return false;
    }

    void add(Long id, long amount, long usableUntilNanos) {
        if (id != null && amount > 0) {
            open.add(new Grant(id, amount, usableUntilNanos));
        }
    }

    /**
     * Closes the grants that will not be used again: past their end, spent, or, with {@code smallerThan} above zero,
     * with less left than a waiting call needs; everything when {@code all}. They go on the next request.
     */
    void closeUnusable(long now, long smallerThan, boolean all) {
        for (Iterator<Grant> it = open.iterator(); it.hasNext();) {
            Grant grant = it.next();
            if (all || grant.usableUntilNanos <= now || grant.left() <= 0 || grant.left() < smallerThan) {
                closed.add(new LeaseExchange.Closed(grant.id, grant.used));
                it.remove();
            }
        }
    }

    /**
     * The rate part of a lease request: closes what will not be used again, and asks for what waits or the recent
     * pace, within a share of the limit, less what is still open; nothing when giving everything back.
     */
    LeaseExchange.Rate request(long now, long keepAtLeast, boolean release, long waiting, double pace, long limit) {
        closeUnusable(now, keepAtLeast, release);
        long want = 0;
        if (!release) {
            long share = Math.max(1, (long) (limit * ScopeLease.SHARE));
            long byPace = Math.min(share, (long) Math.ceil(pace)) - available(now);
            want = Math.max(waiting, Math.max(0, byPace));
        }
        return new LeaseExchange.Rate(drainClosed(), want);
    }

    /** Takes the registry's answer for this kind of permit in: a new grant usable until the lease's end. */
    void apply(LeaseExchange.RateGrant grant, long usableUntil) {
        if (grant == null) {
            return;
        }
        add(grant.grant(), grant.granted(), usableUntil);
        limit = grant.limit();
        remaining = grant.remaining();
        resetMs = grant.resetMs();
        exhausted = grant.remaining() == 0;
    }

    /** The grants closed since the last request, handed over to be sent. */
    List<LeaseExchange.Closed> drainClosed() {
        List<LeaseExchange.Closed> drained = List.copyOf(closed);
        closed.clear();
        return drained;
    }

    /** Puts back closures a failed request did not deliver, so the next one does. */
    void restoreClosed(List<LeaseExchange.Closed> undelivered) {
        closed.addAll(0, undelivered);
    }

    /** The earliest end among the open grants, or {@code Long.MAX_VALUE}. */
    long earliestEnd() {
        long earliest = Long.MAX_VALUE;
        for (Grant grant : open) {
            earliest = Math.min(earliest, grant.usableUntilNanos);
        }
        return earliest;
    }

    boolean isEmpty() {
        return open.isEmpty() && closed.isEmpty();
    }
}
