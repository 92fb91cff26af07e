package com.shopkeeper.insight;

import com.shopkeeper.conversation.State;
import com.shopkeeper.reminder.ReminderKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Business metrics from the database and the transition log: the funnel of a window, its trend
 * bucket by bucket, and the few rates the Micrometer gauges publish.
 */
@Service
class BusinessMetrics {

    /** The no-result queries a report lists. */
    static final int NO_RESULT_QUERIES = 20;
    /** The most points one trend answers. */
    static final int MAX_POINTS = 400;

    private final FunnelQueries funnel;
    private final TrendQueries trend;
    private final SearchLog searches;

    BusinessMetrics(FunnelQueries funnel, TrendQueries trend, SearchLog searches) {
        this.funnel = funnel;
        this.trend = trend;
        this.searches = searches;
    }

    /**
     * The funnel of a window. Its figures are read one query after another, outside a transaction:
     * on SQLite every transaction takes the write lock at once (IMMEDIATE), which a report must not
     * hold while shoppers are being answered.
     */
    FunnelReport funnel(Window w) {
        Map<State, FunnelQueries.Flow> flows = funnel.flows(w);
        // The purchase funnel: the bot's states (HANDOFF is a detour, counted in shopkeeper.handoffs).
        List<FunnelReport.StateFlow> states = State.botStates().stream()
                .map(s -> new FunnelReport.StateFlow(s, flows.get(s).entered(), flows.get(s).movedOn())).toList();
        FunnelQueries.MessageCounts messages = funnel.messages(w);
        return new FunnelReport(w.from(), w.to(), conversations(w), states,
                new FunnelReport.Orders(funnel.ordersCreated(w), funnel.ordersPaid(w)),
                FunnelReport.Messages.of(messages.fromShoppers(), messages.fromBot(), messages.shopperConversations()),
                FunnelReport.Search.of(searches.counts(w), searches.followedUp(w), searches.noResultQueries(w, NO_RESULT_QUERIES)),
                FunnelReport.Reminders.of(funnel.reminders(w, ReminderKind.UNPAID_ORDER),
                        funnel.reminders(w, ReminderKind.ABANDONED_CART)));
    }

    /** What the gauges publish: the completion and conversion of a window's cohort, and search effectiveness. */
    Rates rates(Window w) {
        FunnelReport.Conversations c = conversations(w);
        SearchLog.SearchCounts counts = searches.counts(w);
        return new Rates(c.completionRate(), c.conversionRate(),
                FunnelReport.ratio(searches.followedUp(w), counts.withResults()));
    }

    record Rates(double completion, double conversion, double searchEffectiveness) {
    }

    private FunnelReport.Conversations conversations(Window w) {
        return FunnelReport.Conversations.of(funnel.started(w), funnel.cohortWithOrder(w), funnel.cohortPaid(w));
    }

    /**
     * The window's counts per bucket, every bucket present.
     *
     * @throws IllegalArgumentException when it would take more than {@value #MAX_POINTS} points
     */
    Trend trend(Window w, Bucket b) {
        long points = b.count(w);
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException("That is " + points + " " + b.wireName() + "s; a trend has at most "
                    + MAX_POINTS + " points: shorten the window or take a wider bucket.");
        }
        Map<Long, Long> started = trend.conversationsStarted(w, b);
        Map<Long, Long> created = trend.ordersCreated(w, b);
        Map<Long, Long> paid = trend.ordersPaid(w, b);
        Map<Long, Long> messages = trend.shopperMessages(w, b);
        Map<Long, Long> searched = trend.searches(w, b);
        Instant first = b.startOf(w.from());
        List<Trend.Point> out = new ArrayList<>((int) points);
        for (long i = 0; i < points; i++) {
            out.add(new Trend.Point(first.plus(b.length().multipliedBy(i)), started.getOrDefault(i, 0L),
                    created.getOrDefault(i, 0L), paid.getOrDefault(i, 0L), messages.getOrDefault(i, 0L),
                    searched.getOrDefault(i, 0L)));
        }
        return new Trend(b.wireName(), w.from(), w.to(), out);
    }
}
