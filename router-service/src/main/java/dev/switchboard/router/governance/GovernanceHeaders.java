package dev.switchboard.router.governance;

import java.math.BigDecimal;
import java.util.Map;

import dev.switchboard.api.ApiException;
import dev.switchboard.contracts.KeyState;

/**
 * The headers governance adds to every answer: the call's cost, and for a managed key its spend and what remains of its
 * budget, and OpenAI's {@code x-ratelimit-*} figures of the stricter of the key's and its team's limits; a figure of a
 * limit the key does not have is left out. A refusal of a rate limit says when to come back in {@code Retry-After}.
 */
final class GovernanceHeaders {

    static final String COST = "X-Switchboard-Cost-Usd";
    static final String SPEND = "X-Switchboard-Key-Spend-Usd";
    static final String REMAINING = "X-Switchboard-Key-Remaining-Usd";

    private GovernanceHeaders() {
    }

    static void add(Admission admission, LeaseKeeper leases, ApiException failure, Map<String, String> headers) {
        if (failure instanceof Refusal refusal && refusal.retryAfterMs != null) {
            headers.put("Retry-After", String.valueOf(Math.max(1, (refusal.retryAfterMs + 999) / 1000)));
        }
        if (admission.cost != null) {
            headers.put(COST, plain(admission.cost));
        }
        KeyState key = admission.key;
        if (key == null) {
            return;
        }
        long now = System.nanoTime();
        ScopeLease keyLease = leases.existing("key:" + key.id());
        ScopeLease teamLease = key.team() == null ? null : leases.existing("team:" + key.team().id());
        ScopeLease.Standing own = keyLease == null ? null : keyLease.standing(now);
        ScopeLease.Standing team = teamLease == null ? null : teamLease.standing(now);
        if (own != null && own.limits().maxBudgetUsd() != null) {
            BigDecimal spend = own.spendUsd() == null ? BigDecimal.ZERO : own.spendUsd();
            headers.put(SPEND, plain(admission.cost == null ? spend : spend.add(admission.cost)));
            headers.put(REMAINING, plain(own.remainingUsd()));
        }
        rate(headers, "requests", stricter(own == null ? null : own.remainingRequests(),
                team == null ? null : team.remainingRequests()) == 0 ? own : team, true);
        rate(headers, "tokens", stricter(own == null ? null : own.remainingTokens(),
                team == null ? null : team.remainingTokens()) == 0 ? own : team, false);
    }

    /** 0 when the key's own figure is the one to show, 1 for the team's; the one with less left wins. */
    private static int stricter(Long own, Long team) {
        if (team == null) {
            return 0;
        }
        return own == null || team < own ? 1 : 0;
    }

    private static void rate(Map<String, String> headers, String kind, ScopeLease.Standing standing, boolean requests) {
        if (standing == null) {
            return;
        }
        Long limit = requests ? toLong(standing.limits().rpm()) : standing.limits().tpm();
        Long remaining = requests ? standing.remainingRequests() : standing.remainingTokens();
        if (limit == null || remaining == null) {
            return;
        }
        headers.put("x-ratelimit-limit-" + kind, String.valueOf(limit));
        headers.put("x-ratelimit-remaining-" + kind, String.valueOf(Math.min(limit, remaining)));
        headers.put("x-ratelimit-reset-" + kind, duration(requests ? standing.requestsResetMs() : standing.tokensResetMs()));
    }

    /** A duration as OpenAI writes it: {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1m30.5s}. */
    static String duration(long ms) {
        if (ms < 1_000) {
            return Math.max(0, ms) + "ms";
        }
        long minutes = ms / 60_000;
        BigDecimal seconds = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros();
        String secondsText = (seconds.scale() < 0 ? seconds.setScale(0) : seconds).toPlainString() + "s";
        return minutes > 0 ? minutes + "m" + secondsText : secondsText;
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static Long toLong(Integer value) {
        return value == null ? null : value.longValue();
    }
}
