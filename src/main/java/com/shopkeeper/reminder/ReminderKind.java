package com.shopkeeper.reminder;

import java.util.Locale;

/** What a reminder is about. */
public enum ReminderKind {
    /** An order waiting for payment whose payment link is about to expire. */
    UNPAID_ORDER,
    /** A cart left without an order by a shopper who has gone quiet. */
    ABANDONED_CART;

    /** As the database stores it. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As metrics and logs name it. */
    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
