package com.shopkeeper.insight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.Field;

/** The half-open time window [from, to) that a report covers. */
record Window(Instant from, Instant to) {

    /** A year and a leap day: the longest window a report reads at once. */
    static final Duration LONGEST = Duration.ofDays(366);

    Window {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'.");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("The window is longer than " + LONGEST.toDays() + " days.");
        }
    }

    /**
     * The window a client asked for: {@code to} defaults to now, {@code from} to what
     * {@code defaultFrom} makes of {@code to}.
     *
     * @throws IllegalArgumentException when a value is not an ISO-8601 instant or the window is empty or too long
     */
    static Window parse(String from, String to, Clock clock, UnaryOperator<Instant> defaultFrom) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? defaultFrom.apply(end) : instant("from", from);
        return new Window(start, end);
    }

    static Window lastDay(Clock clock) {
        Instant now = clock.instant();
        return new Window(now.minus(Duration.ofDays(1)), now);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant like 2026-11-01T09:00:00Z.");
        }
    }

    /** The column's time lies in this window. */
    Condition contains(Field<Instant> at) {
        return at.ge(from).and(at.lt(to));
    }
}
