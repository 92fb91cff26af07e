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
}
