package com.shopkeeper.reminder;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reminders (issue 16, part 4).
 *
 * @param unpaid        an unpaid order's one reminder before its payment link expires
 * @param abandonedCart the abandoned-cart reminder's defaults; an admin's settings
 *                      ({@code /api/admin/settings/reminders}) take precedence
 * @param pollInterval  how often a worker looks for reminders due
 * @param batch         at most this many reminders of each kind decided per poll
 */
@ConfigurationProperties("shopkeeper.reminders")
record ReminderProperties(@DefaultValue Unpaid unpaid,
                          @DefaultValue AbandonedCart abandonedCart,
                          @DefaultValue("1m") Duration pollInterval,
                          @DefaultValue("100") int batch) {

    /**
     * @param enabled whether unpaid orders are reminded of at all
     * @param before  how long before the payment link expires the reminder goes (never in the first
     *                half of the link's life: a short link is not reminded of as soon as it is sent)
     */
    record Unpaid(@DefaultValue("true") boolean enabled, @DefaultValue("2h") Duration before) {
    }

    /**
     * @param enabled the setting {@code abandoned-cart-reminders} when no admin has set it: off
     * @param after   the setting {@code abandoned-after}: how long a shopper with a cart has been quiet
     *                before the cart counts as abandoned
     */
    record AbandonedCart(@DefaultValue("false") boolean enabled, @DefaultValue("4h") Duration after) {
    }
}
