package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.switchboard.contracts.KeyState;
import dev.switchboard.contracts.TokenCounts;
import dev.switchboard.router.Candidate;

/**
 * One call's dealings with governance, attached to the call: its managed key (null for a static key), what it reserved
 * from each scope's lease, the model its current reservation is priced for, and what its attempts came to.
 */
final class Admission {

    final KeyState key;
    final boolean auto;
    /** Whether the key or its team has a budget: the call's cost must then be reservable. */
    final boolean budgeted;
    final long promptTokens;
    /** The reservations of the current attempt, one per scope: the first also holds the call's permit and slot. */
    final List<Reservation> current = new ArrayList<>(2);
    /** Reservations of earlier attempts whose cost is not known: they stay spent. */
    final List<Reservation> unknown = new ArrayList<>(2);
    Candidate pricedFor;
    /** Whether the current reservations' attempt ended, and whether it is known to have cost nothing. */
    boolean attemptEnded;
    boolean attemptFree;
    /** What the answering attempt used, from its final reply; null until known. */
    TokenCounts tokens;
    Candidate answeredBy;
    BigDecimal cost;

    /** {@code costsNothing}: the call runs no model (a token count), so no budget covers it and it needs no price. */
    Admission(KeyState key, boolean auto, long promptTokens, boolean costsNothing) {
        this.key = key;
        this.auto = auto;
        this.budgeted = !costsNothing && key != null && (key.limits().maxBudgetUsd() != null
                || key.team() != null && key.team().limits().maxBudgetUsd() != null);
        this.promptTokens = promptTokens;
    }

    boolean governed() {
        return key != null;
    }
}
