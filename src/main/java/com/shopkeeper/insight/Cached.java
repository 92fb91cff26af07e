package com.shopkeeper.insight;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read again only when it is older than its time to live, so that a Prometheus scrape
 * (or several, from several Prometheus servers) does not query the database each time.
 */
final class Cached<T> {

    private final Supplier<T> source;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean read;

    Cached(Supplier<T> source, Duration ttl) {
        this(source, ttl, System::nanoTime);
    }

    Cached(Supplier<T> source, Duration ttl, LongSupplier nanoTime) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!read || now - readAt >= ttlNanos) {
            value = source.get();
            readAt = now;
            read = true;
        }
        return value;
    }
}
