package com.shopkeeper.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for the asynchronous pipeline to reach a state. The deadline is a generous guard against a
 * hang, not a speed assertion (the speed goals live in the benchmark).
 */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static void until(BooleanSupplier condition) {
        until(() -> condition.getAsBoolean() ? Boolean.TRUE : null, "condition");
    }

    /** Polls until the supplier returns a non-null value; fails with the description after the deadline. */
    public static <T> T until(Supplier<T> value, String description) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("still not true after " + DEADLINE.toSeconds() + " s: " + description);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description);
            }
        }
    }

    /** Lets the pipeline run for a while, for asserting that something did NOT happen. */
    public static void settle(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
