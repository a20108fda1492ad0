package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A router replica's request to take, renew, top up or return its leases on some scopes ({@code key:<id>},
 * {@code team:<id>}), all in one transaction.
 *
 * @param holder the replica, unique per process run
 * @param callTimeoutMs the longest a call reserved under these leases may run (the replica's request timeout)
 */
public record LeaseRequest(String holder, Long callTimeoutMs, List<Scope> scopes) {

    /**
     * One scope. Absent parts are left as they are; {@code release} returns everything not in use.
     */
    public record Scope(String scope, Budget budget, Rate requests, Rate tokens, Parallel parallel, Boolean release) {

        public boolean releasing() {
            return Boolean.TRUE.equals(release);
        }
    }

    /**
     * @param periodStart the budget period {@code held} belongs to, as the holder last heard it; held figures of an
     *        earlier period count for nothing in the current one
     * @param held USD the holder still accounts to this lease in that period: the cost settled under it plus what calls
     *        in flight have reserved
     * @param want USD of free budget wanted on top
     */
    public record Budget(Instant periodStart, BigDecimal held, BigDecimal want) {
    }

    /**
     * @param close grants the holder will use no more, with how much of each it used
     * @param want permits wanted in a new grant
     */
    public record Rate(List<Closed> close, Long want) {
    }

    public record Closed(Long grant, Long used) {
    }

    /**
     * @param held slots in use
     * @param want free slots wanted on top
     */
    public record Parallel(Integer held, Integer want) {
    }
}
