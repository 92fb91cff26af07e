package com.shopkeeper.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The width of one trend point: an hour or a day, aligned to UTC. */
enum Bucket {
    HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Bucket(ChronoUnit unit) {
        this.unit = unit;
    }

    /** @throws IllegalArgumentException for anything but hour or day */
    static Bucket parse(String value) {
        for (Bucket b : values()) {
            if (b.wireName().equalsIgnoreCase(value.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("'bucket' must be hour or day.");
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Duration length() {
        return unit.getDuration();
    }

    /** The start of the bucket that holds {@code t}. */
    Instant startOf(Instant t) {
        return t.truncatedTo(unit);
    }

    /** How many buckets it takes to cover [from, to), the first starting at or before {@code from}. */
    long count(Window w) {
        long span = Duration.between(startOf(w.from()), w.to()).toMillis();
        long size = length().toMillis();
        return (span + size - 1) / size;
    }
}
