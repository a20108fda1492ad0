package dev.switchboard.contracts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often a budget starts again: each period begins at 00:00 UTC (weeks on Monday); {@code total} never resets. */
public enum BudgetPeriod {
    @JsonProperty("daily")
    DAILY,
    @JsonProperty("weekly")
    WEEKLY,
    @JsonProperty("monthly")
    MONTHLY,
    @JsonProperty("total")
    TOTAL;

    /** The first day of {@code total}: spend from then on counts. */
    public static final LocalDate EPOCH = LocalDate.of(1970, 1, 1);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The period of this name, or null when the name is none of them. */
    public static BudgetPeriod of(String name) {
        for (BudgetPeriod period : values()) {
            if (period.wireName().equals(name)) {
                return period;
            }
        }
        return null;
    }

    /** The first UTC day of the period that holds {@code at}. */
    public LocalDate firstDay(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            case TOTAL -> EPOCH;
        };
    }

    /** When the period that holds {@code at} began. */
    public Instant start(Instant at) {
        return firstDay(at).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the period that holds {@code at} ends and the next one begins; null for {@code total}, which never ends. */
    public Instant reset(Instant at) {
        LocalDate first = firstDay(at);
        LocalDate next = switch (this) {
            case DAILY -> first.plusDays(1);
            case WEEKLY -> first.plusWeeks(1);
            case MONTHLY -> first.plusMonths(1);
            case TOTAL -> null;
        };
        return next == null ? null : next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
