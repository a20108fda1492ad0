package dev.switchboard.registry.governance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One attempt's priced spend, as read from {@code switchboard.usage}.
 *
 * @param teamId the team the call was made for, or null to take the key's current team
 * @param holder the router replica whose leases the call was reserved from, or null when it used none
 * @param at when the call's budget was reserved, which decides its day and period
 */
public record SpendEvent(String keyId, String teamId, String holder, Instant at, BigDecimal costUsd) {
}
