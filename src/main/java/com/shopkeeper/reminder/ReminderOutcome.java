package com.shopkeeper.reminder;

import com.shopkeeper.messaging.ShopperMessenger.Reach;
import java.util.Locale;

/** What became of a reminder when it was decided: sent, or skipped for a reason, for good. */
public enum ReminderOutcome {
    SENT,
    /** The shopper's last message is older than the 24-hour window, and a reminder is never a template. */
    OUTSIDE_WINDOW,
    /** The shopper sent STOP. */
    OPTED_OUT;

    static ReminderOutcome of(Reach reach) {
        return switch (reach) {
            case FREE_FORM -> SENT;
            case OUTSIDE_WINDOW -> OUTSIDE_WINDOW;
            case OPTED_OUT -> OPTED_OUT;
        };
    }

    /** The {@code outcome} column: sent or skipped. */
    public String outcomeColumn() {
        return this == SENT ? "sent" : "skipped";
    }

    /** The {@code reason} column of a skipped reminder; null for a sent one. */
    public String reasonColumn() {
        return this == SENT ? null : name().toLowerCase(Locale.ROOT);
    }

    /** As metrics name it. */
    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
