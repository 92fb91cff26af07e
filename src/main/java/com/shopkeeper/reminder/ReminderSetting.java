package com.shopkeeper.reminder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A reminder setting the shop owner may change at {@code /api/admin/settings/reminders/{name}}. */
enum ReminderSetting {
    /** Whether abandoned carts are reminded of: {@code on} or {@code off}. */
    ABANDONED_CART_REMINDERS,
    /** How long a shopper with a cart has been quiet before it counts as abandoned: {@code 4h}, {@code PT30M}. */
    ABANDONED_AFTER;

    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ReminderSetting> ofWireName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(s -> s.wireName().equals(n)).findFirst();
    }
}
