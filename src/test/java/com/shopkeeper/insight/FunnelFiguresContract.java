package com.shopkeeper.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductRepository;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderItem;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.reminder.ReminderKind;
import com.shopkeeper.reminder.ReminderOutcome;
import com.shopkeeper.reminder.ReminderRepository;
import com.shopkeeper.shopper.ShopperRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The funnel and trend figures on whichever engine the URL selects (SQLite and PostgreSQL
 * subclasses), over rows written through the repositories at instants the test sets: the window's
 * edges, steps before and after it, refusals, re-entries and searches interleaved with calls.
 *
 * <p>The window is 10:00 to 12:00 on {@link #DAY}. Conversations: X (created before the window),
 * Y (created at 10:00:00.000 and buys), Z (created at 11:59:59.999), Q (created at 12:00, outside),
 * R (in and out of its cart), S (before the window, back to its cart late), P (the day before,
 * pays in the window).
 */
@SpringBootTest
@Import(FunnelFiguresContract.Clocks.class)
abstract class FunnelFiguresContract {

    static final String DAY = "2026-03-10";
    static final Window WINDOW = window("10:00:00", "12:00:00");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    @Autowired SettableClock clock;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired TransitionLog transitions;
    @Autowired OrderRepository orders;
    @Autowired ProductRepository products;
    @Autowired SearchLog searches;
    @Autowired ReminderRepository reminders;
    @Autowired BusinessMetrics metrics;

    /** Each engine's database is written once, by the first test of its class. */
    private static final java.util.Set<Class<?>> WRITTEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static Window window(String from, String to) {
        return new Window(at(from), at(to));
    }

    /** {@code "10:05"} or {@code "10:05:00.500"} on DAY; a full instant as it is. */
    static Instant at(String time) {
        if (time.contains("T")) {
            return Instant.parse(time);
        }
        return Instant.parse(DAY + "T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    @BeforeEach
    void writeTheDayOnce() {
        if (WRITTEN.add(getClass())) {
            theDay();
        }
    }

    @AfterEach
    void realTimeAgain() {
        clock.set((Instant) null);
    }

    private void theDay() {
        Product desk = products.insert(new ProductDraft("FUN-" + ThreadLocalRandom.current().nextInt(1_000_000), "Oak Desk",
                "A desk.", Money.of("120.00", "USD"), List.of("Home"), null, true, Map.of()));

        String x = conversation("09:00");
        say("10:30", x, Message.Role.USER, "the oak one");
        say("10:30:01", x, Message.Role.ASSISTANT, "Here it is");
        step("10:30", x, State.BROWSING, Event.GET_PRODUCT_DETAILS, State.PRODUCT_FOCUS);
        step("10:40", x, State.PRODUCT_FOCUS, Event.ADD_TO_CART, State.CART);
        step("13:00", x, State.CART, Event.CREATE_ORDER, State.CHECKOUT);
        order("13:00", x, desk);
        say("13:00", x, Message.Role.USER, "order it");

        String y = conversation("10:00:00.000");
        say("10:00:00.000", y, Message.Role.USER, "hi");
        say("10:00:00.500", y, Message.Role.ASSISTANT, "Hi!");
        search("10:05", y, "oak desk", 3, State.BROWSING);
        step("10:10", y, State.BROWSING, Event.GET_PRODUCT_DETAILS, State.PRODUCT_FOCUS);   // follows the search up
        say("10:10", y, Message.Role.USER, "the first");
        say("10:10:01", y, Message.Role.ASSISTANT, "Oak Desk, $120.00");
        search("10:15", y, "Oak  Chair ", 0, State.PRODUCT_FOCUS);
        step("10:20", y, State.BROWSING, Event.ADD_TO_CART, State.CART);
        step("10:25", y, State.CART, Event.CREATE_ORDER, State.CHECKOUT);
        String paid = order("10:25", y, desk);
        refused("10:26", y, State.CHECKOUT, Event.ADD_TO_CART);
        step("11:00", y, State.CHECKOUT, Event.GET_PAYMENT_LINK, State.AWAITING_PAYMENT);
        pay("11:30", y, paid, State.AWAITING_PAYMENT, State.BROWSING);

        String z = conversation("11:59:59.999");
        say("11:59:59.999", z, Message.Role.USER, "rugs?");
        search("11:59:59.999", z, "rug", 1, State.BROWSING);
        step("12:00", z, State.BROWSING, Event.ADD_TO_CART, State.CART);                   // too late to count

        String q = conversation("12:00");
        say("12:00", q, Message.Role.USER, "hello");
        search("12:00", q, "oak chair", 0, State.BROWSING);

        String r = conversation("10:30");
        say("10:30", r, Message.Role.USER, "lamps");
        search("10:30", r, "OAK CHAIR", 0, State.BROWSING);
        search("10:31", r, "velvet hammock", 0, State.BROWSING);
        search("10:32", r, "lamp", 2, State.BROWSING);
        refused("10:35", r, State.BROWSING, Event.CREATE_ORDER);
        step("10:40", r, State.BROWSING, Event.CHECK_ORDER_STATUS, State.BROWSING);         // the next applied call
        step("11:00", r, State.BROWSING, Event.VIEW_CART, State.CART);
        step("11:10", r, State.CART, Event.REMOVE_FROM_CART, State.BROWSING);
        step("11:20", r, State.BROWSING, Event.ADD_TO_CART, State.CART);

        String s = conversation("09:00");
        step("09:30", s, State.BROWSING, Event.ADD_TO_CART, State.CART);
        step("10:05", s, State.CART, Event.CREATE_ORDER, State.CHECKOUT);                 // leaves CART...
        String cancelled = order("10:05", s, desk);
        step("10:10", s, State.CHECKOUT, Event.GET_PAYMENT_LINK, State.AWAITING_PAYMENT);
        clock.set(at("11:40"));
        orders.changeStatus(cancelled, OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED);
        step("11:40", s, State.AWAITING_PAYMENT, Event.ORDER_CANCELLED, State.CART);      // ...before it enters it

        String p = conversation(DAY_BEFORE + "T15:00:00Z");
        say(DAY_BEFORE + "T15:00:00Z", p, Message.Role.USER, "sofas");
        step(DAY_BEFORE + "T15:01:00Z", p, State.BROWSING, Event.ADD_TO_CART, State.CART);
        step(DAY_BEFORE + "T15:02:00Z", p, State.CART, Event.CREATE_ORDER, State.CHECKOUT);
        String yesterdays = order(DAY_BEFORE + "T15:02:00Z", p, desk);
        search("10:20", p, "sofa", 5, State.CHECKOUT);
        search("10:21", p, "blue sofa", 2, State.BROWSING);
        step("10:22", p, State.BROWSING, Event.GET_PRODUCT_DETAILS, State.PRODUCT_FOCUS);   // follows the second up
        pay("10:50", p, yesterdays, State.PRODUCT_FOCUS, State.PRODUCT_FOCUS);

        // Reminders: Y's cart just before its order, Y's order before its payment, S's order (cancelled
        // later), X's cart (ordered only at 13:00), R's cart (opted out), Z's at 12:00 (outside), P's
        // order the day before (paid in the window, but reminded before it).
        remind("10:22", y, ReminderKind.ABANDONED_CART, null, at("10:20"), ReminderOutcome.SENT);
        remind("11:10", y, ReminderKind.UNPAID_ORDER, paid, null, ReminderOutcome.SENT);
        remind("10:20", s, ReminderKind.UNPAID_ORDER, cancelled, null, ReminderOutcome.SENT);
        remind("11:45", x, ReminderKind.ABANDONED_CART, null, at("10:40"), ReminderOutcome.SENT);
        remind("11:50", r, ReminderKind.ABANDONED_CART, null, at("11:20"), ReminderOutcome.OPTED_OUT);
        remind("12:00", z, ReminderKind.ABANDONED_CART, null, at("12:00"), ReminderOutcome.OUTSIDE_WINDOW);
        remind(DAY_BEFORE + "T16:00:00Z", p, ReminderKind.UNPAID_ORDER, yesterdays, null, ReminderOutcome.SENT);
    }

    private void remind(String time, String conversation, ReminderKind kind, String order, Instant cartSince,
                        ReminderOutcome outcome) {
        assertThat(reminders.claim(kind, conversation, order, cartSince, outcome, at(time))).isNotNull();
    }

    static final String DAY_BEFORE = "2026-03-09";

    private String conversation(String time) {
        clock.set(at(time));
        String phone = "whatsapp:+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        return conversations.create(shoppers.touch(phone, null).id(), "twilio").id();
    }

    private void step(String time, String conversation, State from, Event event, State to) {
        clock.set(at(time));
        transitions.append(conversation, from, event.wireName(), to, Transition.Outcome.APPLIED, null, null);
    }

    private void refused(String time, String conversation, State state, Event event) {
        clock.set(at(time));
        transitions.append(conversation, state, event.wireName(), state, Transition.Outcome.REFUSED, "not_allowed_in_state", null);
    }

    private void say(String time, String conversation, Message.Role role, String text) {
        clock.set(at(time));
        messages.append(conversation, role, text, null);
    }

    /** What the engine does: the search is recorded, then its step, in that order. */
    private void search(String time, String conversation, String query, int results, State from) {
        clock.set(at(time));
        searches.record(conversation, query, results);
        transitions.append(conversation, from, Event.SEARCH_PRODUCTS.wireName(), State.BROWSING, Transition.Outcome.APPLIED, null, null);
    }

    private String order(String time, String conversation, Product product) {
        clock.set(at(time));
        String user = conversations.find(conversation).orElseThrow().userId();
        return orders.insert(user, conversation, List.of(new OrderItem(product.id(), product.name(), 1, product.price())),
                product.price(), OrderStatus.PENDING_PAYMENT).id();
    }

    /** What a confirmed payment does: the order becomes PAID and the conversation takes its payment_confirmed step. */
    private void pay(String time, String conversation, String order, State from, State to) {
        clock.set(at(time));
        orders.changeStatus(order, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID);
        transitions.append(conversation, from, Event.PAYMENT_CONFIRMED.wireName(), to, Transition.Outcome.APPLIED, null, null);
    }

    @Test
    void theCohortIsWhatWasCreatedInTheWindowFromItsFirstMillisecondToItsLast() {
        FunnelReport.Conversations c = metrics.funnel(WINDOW).conversations();
        // Y (10:00:00.000), R, Z (11:59:59.999); not X, S, P (before) nor Q (12:00).
        assertThat(c.started()).isEqualTo(3);
        assertThat(c.withOrder()).as("Y ordered in the window; X's order came at 13:00 and X is not of the cohort").isEqualTo(1);
        assertThat(c.paid()).as("Y; P paid in the window but started the day before").isEqualTo(1);
        assertThat(c.completionRate()).isEqualTo(0.3333);
        assertThat(c.conversionRate()).isEqualTo(0.3333);
    }

    @Test
    void eachStateCountsWhoEnteredItInTheWindowAndWhoLeftItAfterwards() {
        assertThat(metrics.funnel(WINDOW).states()).extracting(f -> f.state(), f -> f.entered(), f -> f.movedOn()).containsExactly(
                // Y, Z, R created (Y and R came back too, counted once) and P, by a search from CHECKOUT at
                // 10:20. Y, R and P left it; Z only at 12:00.
                tuple(State.BROWSING, 4L, 3L),
                // X (10:30, left 10:40), Y (10:10, left 10:15 by a search), P (10:22; paying kept it there).
                tuple(State.PRODUCT_FOCUS, 3L, 2L),
                // X (left at 13:00: too late), Y (left 10:25), R (left 11:10, back at 11:20, once), S (11:40;
                // it left CART at 10:05, before that entry: not a move on). Z's add_to_cart at 12:00 is outside.
                tuple(State.CART, 4L, 2L),
                // Y (10:25, left 11:00), S (10:05, left 10:10). P left it at 10:20 without entering it in the window.
                tuple(State.CHECKOUT, 2L, 2L),
                // Y (11:00, paid 11:30) and S (10:10, cancelled 11:40).
                tuple(State.AWAITING_PAYMENT, 2L, 2L));
    }

    @Test
    void ordersCountCreationAndPaymentEachInItsOwnTime() {
        FunnelReport.Orders o = metrics.funnel(WINDOW).orders();
        assertThat(o.created()).as("Y's and S's; X's came at 13:00, P's the day before").isEqualTo(2);
        assertThat(o.paid()).as("Y's at 11:30 and P's at 10:50").isEqualTo(2);
    }

    @Test
    void messagesAreCountedBySender() {
        FunnelReport.Messages m = metrics.funnel(WINDOW).messages();
        // Shoppers: Y twice, X at 10:30, R, Z at 11:59:59.999; not X at 13:00, Q at 12:00, P the day before.
        assertThat(m.fromShoppers()).isEqualTo(5);
        assertThat(m.fromBot()).isEqualTo(3);
        assertThat(m.perConversation()).isEqualTo(1.25);
    }

    @Test
    void aSearchIsFollowedUpOnlyByTheNextAppliedCallBeforeTheNextSearchAndTheWindowsEnd() {
        FunnelReport.Search s = metrics.funnel(WINDOW).search();
        // Y 2, R 3, Z 1, P 2 in the window; Q's at 12:00 is outside.
        assertThat(s.searches()).isEqualTo(8);
        assertThat(s.withResults()).isEqualTo(5);
        assertThat(s.noResult()).isEqualTo(3);
        // Followed up: Y's "oak desk" (details next) and P's "blue sofa". Not: P's "sofa" (another search
        // came first), R's "lamp" (after a refusal, the next applied call was check_order_status; its
        // add_to_cart at 11:20 is not the next), Z's "rug" (its add_to_cart came at 12:00, after the window).
        assertThat(s.followedUp()).isEqualTo(2);
        assertThat(s.effectiveness()).isEqualTo(0.4);
        assertThat(s.noResultQueries()).extracting(SearchLog.QueryCount::query, SearchLog.QueryCount::count)
                .containsExactly(tuple("oak chair", 2L), tuple("velvet hammock", 1L));
    }

    @Test
    void remindersCountWhatWasDecidedInTheWindowAndWhatFollowedBeforeItsEnd() {
        FunnelReport.Reminders r = metrics.funnel(WINDOW).reminders();
        // Y's and S's; P's came the day before. Y paid at 11:30, after its reminder; S's was cancelled.
        assertThat(r.unpaidOrders()).isEqualTo(new FunnelReport.UnpaidOrders(2, 0, 0, 1, 0.5));
        // Y's (ordered at 10:25) and X's (ordered at 13:00, after the window); R's skipped; Z's at 12:00 is outside.
        assertThat(r.abandonedCarts()).isEqualTo(new FunnelReport.AbandonedCarts(2, 0, 1, 1, 0.5));
        // Until 13:00:00.001, X's order follows its reminder too.
        assertThat(metrics.funnel(window("10:00", "13:00:00.001")).reminders().abandonedCarts())
                .isEqualTo(new FunnelReport.AbandonedCarts(2, 1, 1, 2, 1.0));
    }

    @Test
    void aWindowWithNothingInItIsAllZeros() {
        FunnelReport report = metrics.funnel(new Window(at(DAY_BEFORE + "T00:00:00Z"), at(DAY_BEFORE + "T15:00:00Z")));
        assertThat(report.conversations()).isEqualTo(new FunnelReport.Conversations(0, 0, 0, 0, 0));
        assertThat(report.states()).allSatisfy(f -> assertThat(f.entered() + f.movedOn()).isZero()).hasSize(5);
        assertThat(report.orders()).isEqualTo(new FunnelReport.Orders(0, 0));
        assertThat(report.messages()).isEqualTo(new FunnelReport.Messages(0, 0, 0));
        assertThat(report.search()).isEqualTo(new FunnelReport.Search(0, 0, 0, 0, 0, List.of()));
        assertThat(report.reminders()).isEqualTo(new FunnelReport.Reminders(new FunnelReport.UnpaidOrders(0, 0, 0, 0, 0),
                new FunnelReport.AbandonedCarts(0, 0, 0, 0, 0)));
    }

    @Test
    void hourlyTrendPutsEachRowInItsBucket() {
        Trend trend = metrics.trend(WINDOW, Bucket.HOUR);
        assertThat(trend.bucket()).isEqualTo("hour");
        assertThat(trend.points()).extracting(Trend.Point::at, Trend.Point::conversationsStarted, Trend.Point::ordersCreated,
                Trend.Point::ordersPaid, Trend.Point::shopperMessages, Trend.Point::searches).containsExactly(
                tuple(at("10:00"), 2L, 2L, 1L, 4L, 7L),
                tuple(at("11:00"), 1L, 0L, 1L, 1L, 1L));
    }

    @Test
    void aWindowThatStartsMidBucketCountsOnlyItsOwnPart() {
        Trend trend = metrics.trend(window("10:30", "12:00"), Bucket.HOUR);
        assertThat(trend.points()).extracting(Trend.Point::at, Trend.Point::conversationsStarted, Trend.Point::ordersPaid,
                Trend.Point::shopperMessages, Trend.Point::searches).containsExactly(
                tuple(at("10:00"), 1L, 1L, 2L, 3L),
                tuple(at("11:00"), 1L, 1L, 1L, 1L));
    }

    @Test
    void dailyTrendHasEveryDayZerosIncluded() {
        Trend trend = metrics.trend(new Window(at("2026-03-08T00:00:00Z"), at("2026-03-11T00:00:00Z")), Bucket.DAY);
        assertThat(trend.points()).extracting(Trend.Point::at, Trend.Point::conversationsStarted, Trend.Point::ordersCreated,
                Trend.Point::ordersPaid, Trend.Point::shopperMessages, Trend.Point::searches).containsExactly(
                tuple(at("2026-03-08T00:00:00Z"), 0L, 0L, 0L, 0L, 0L),
                tuple(at("2026-03-09T00:00:00Z"), 1L, 1L, 0L, 1L, 0L),
                // X, S, Y, Z, Q, R; orders of S, Y, X; shopper messages and searches of the whole day.
                tuple(at("2026-03-10T00:00:00Z"), 6L, 3L, 2L, 7L, 9L));
    }

    @Test
    void theTrendAddsUpToTheFunnel() {
        FunnelReport funnel = metrics.funnel(WINDOW);
        List<Trend.Point> points = metrics.trend(WINDOW, Bucket.HOUR).points();
        assertThat(points.stream().mapToLong(Trend.Point::conversationsStarted).sum()).isEqualTo(funnel.conversations().started());
        assertThat(points.stream().mapToLong(Trend.Point::ordersCreated).sum()).isEqualTo(funnel.orders().created());
        assertThat(points.stream().mapToLong(Trend.Point::ordersPaid).sum()).isEqualTo(funnel.orders().paid());
        assertThat(points.stream().mapToLong(Trend.Point::shopperMessages).sum()).isEqualTo(funnel.messages().fromShoppers());
        assertThat(points.stream().mapToLong(Trend.Point::searches).sum()).isEqualTo(funnel.search().searches());
    }

    @Test
    void theGaugesRatesAreTheFunnels() {
        assertThat(metrics.rates(WINDOW)).isEqualTo(new BusinessMetrics.Rates(0.3333, 0.3333, 0.4));
    }
}
