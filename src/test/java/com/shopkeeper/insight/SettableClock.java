package com.shopkeeper.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The application's clock, set by the test to the instant each row must carry; real time until then. */
final class SettableClock extends Clock {

    private volatile Instant now;

    void set(Instant instant) {
        now = instant;
    }

    void set(String instant) {
        set(Instant.parse(instant));
    }

    @Override
    public Instant instant() {
        Instant fixed = now;
        return fixed != null ? fixed : Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
