package com.shopkeeper.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The application's clock in a test: real time moved on by what the test {@link #advance}s, so that
 * hours pass in a moment while the pipeline's own waits still run; or {@link #set} to an instant,
 * for rows that must carry that instant. Millisecond ticks, like the real one.
 */
public final class TestClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;
    private volatile Instant fixed;

    /** Time passes: everything the application reads from now on is this much later. */
    public void advance(Duration d) {
        ahead = ahead.plus(d);
    }

    /** Stops time at this instant (null: real time again, plus what was advanced). */
    public void set(Instant instant) {
        fixed = instant;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now().plus(ahead).truncatedTo(ChronoUnit.MILLIS);
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
