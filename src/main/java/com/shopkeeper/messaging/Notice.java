package com.shopkeeper.messaging;

import java.util.Locale;

/**
 * A message the shop sends on its own, not as the answer to a shopper's message: what the 24-hour
 * window rules are about. {@link #key()} names its template in the configuration
 * ({@code shopkeeper.twilio.templates.<key>}, {@code shopkeeper.meta.templates.<key>}).
 */
public enum Notice {
    PAID, FULFILLED, SHIPPED, DELIVERED, CANCELLED, EXPIRED, PAYMENT_FAILED, REMINDER, ADMIN;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The notice a {@link #key()} names. */
    public static Notice ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Sent free-form inside the 24-hour window or not at all, never as a template: a reminder is a
     * nudge the shopper did not ask for, which outside the window WhatsApp bills and treats as
     * marketing. Outside the window the shop says nothing, and the refusal is on record.
     */
    public boolean freeFormOnly() {
        return this == REMINDER;
    }
}
