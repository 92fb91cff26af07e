package com.shopkeeper.insight;

import com.shopkeeper.conversation.State;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The conversation funnel of a window [from, to), as {@code GET /api/admin/metrics/funnel} answers
 * it (snake_case on the wire). Rates are shares from 0 to 1, rounded to 4 places, 0 when there is
 * nothing to divide by.
 */
record FunnelReport(Instant from, Instant to, Conversations conversations, List<StateFlow> states, Orders orders,
                    Messages messages, Search search, Reminders reminders) {

    @Schema(name = "FunnelConversations",
            description = "The cohort: conversations created in the window (at the shopper's first message)")
    record Conversations(long started,
                         @Schema(description = "of the cohort, conversations that created an order in the window") long withOrder,
                         @Schema(description = "of the cohort, conversations with an order paid in the window") long paid,
                         @Schema(description = "with_order / started", example = "0.6667") double completionRate,
                         @Schema(description = "paid / started", example = "0.3333") double conversionRate) {
        static Conversations of(long started, long withOrder, long paid) {
            return new Conversations(started, withOrder, paid, ratio(withOrder, started), ratio(paid, started));
        }
    }

    @Schema(name = "FunnelStateFlow",
            description = "Conversations that entered the state in the window, and how many of those left it afterwards")
    record StateFlow(State state, long entered, long movedOn) {
    }

    @Schema(name = "FunnelOrders", description = "Orders created in the window, and orders paid in the window (whenever created)")
    record Orders(long created, long paid) {
    }

    @Schema(name = "FunnelMessages", description = "Messages stored in the window, from shoppers and from the bot")
    record Messages(long fromShoppers, long fromBot,
                    @Schema(description = "shopper messages / conversations with a shopper message in the window")
                    double perConversation) {
        static Messages of(long fromShoppers, long fromBot, long shopperConversations) {
            return new Messages(fromShoppers, fromBot, ratio(fromShoppers, shopperConversations));
        }
    }

    @Schema(name = "FunnelSearch", description = "The search_products calls the bot ran in the window")
    record Search(long searches, long withResults,
                  @Schema(description = "searches with results whose conversation's next applied call (before its "
                          + "next search) was get_product_details or add_to_cart") long followedUp,
                  @Schema(description = "followed_up / with_results") double effectiveness,
                  long noResult,
                  @Schema(description = "the queries of searches with no result, normalised, most frequent first, at most 20")
                  List<SearchLog.QueryCount> noResultQueries) {
        static Search of(SearchLog.SearchCounts counts, long followedUp, List<SearchLog.QueryCount> noResultQueries) {
            return new Search(counts.searches(), counts.withResults(), followedUp, ratio(followedUp, counts.withResults()),
                    counts.noResult(), noResultQueries);
        }
    }

    @Schema(name = "FunnelReminders", description = "The reminders decided in the window, and what followed them")
    record Reminders(UnpaidOrders unpaidOrders, AbandonedCarts abandonedCarts) {
        static Reminders of(FunnelQueries.ReminderCounts unpaid, FunnelQueries.ReminderCounts carts) {
            return new Reminders(
                    new UnpaidOrders(unpaid.sent(), unpaid.outsideWindow(), unpaid.optedOut(), unpaid.followed(),
                            ratio(unpaid.followed(), unpaid.sent())),
                    new AbandonedCarts(carts.sent(), carts.outsideWindow(), carts.optedOut(), carts.followed(),
                            ratio(carts.followed(), carts.sent())));
        }
    }

    @Schema(name = "FunnelUnpaidOrderReminders",
            description = "Reminders of orders waiting for payment whose link was about to expire")
    record UnpaidOrders(@Schema(description = "reminders sent") long reminded,
                        @Schema(description = "not sent: the shopper's last message was older than the 24-hour window")
                        long skippedOutsideWindow,
                        @Schema(description = "not sent: the shopper had opted out") long skippedOptedOut,
                        @Schema(description = "of those reminded, conversations with a payment confirmed after the "
                                + "reminder, before the window's end") long paidAfter,
                        @Schema(description = "paid_after / reminded", example = "0.5") double paidAfterRate) {
    }

    @Schema(name = "FunnelAbandonedCartReminders", description = "Reminders of carts left without an order")
    record AbandonedCarts(@Schema(description = "reminders sent") long reminded,
                          @Schema(description = "not sent: the shopper's last message was older than the 24-hour window")
                          long skippedOutsideWindow,
                          @Schema(description = "not sent: the shopper had opted out") long skippedOptedOut,
                          @Schema(description = "of those reminded, conversations with an order made after the "
                                  + "reminder, before the window's end") long orderedAfter,
                          @Schema(description = "ordered_after / reminded", example = "0.25") double orderedAfterRate) {
    }

    /** part / whole rounded half up to 4 places; 0 when whole is 0. A metric, not money: a double. */
    static double ratio(long part, long whole) {
        if (whole == 0) {
            return 0;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
