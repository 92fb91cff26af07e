package com.shopkeeper.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductRepository;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderItem;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.PaymentRepository;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.TestClock;
import java.time.Clock;
import java.time.Duration;
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
 * What is due a reminder, and the claims, on whichever engine the URL selects (SQLite and PostgreSQL
 * subclasses), over rows written through the repositories at instants the test sets. A gateway-only
 * instance: no poller claims anything behind the test's back.
 */
@SpringBootTest(properties = "shopkeeper.roles=gateway")
@Import(ReminderQueriesContract.Clocks.class)
abstract class ReminderQueriesContract {

    static final Duration BEFORE = Duration.ofHours(2);
    static final Duration WINDOW = Duration.ofHours(24);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock testClock() {
            return new TestClock();
        }
    }

    @Autowired Clock appClock;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired CartRepository carts;
    @Autowired ProductRepository products;
    @Autowired OrderRepository orders;
    @Autowired PaymentRepository payments;
    @Autowired ReminderRepository reminders;

    /** Each test its own day, so that one test's rows are outside another's windows. */
    Instant t0;
    Product desk;

    @BeforeEach
    void aDayOfItsOwn() {
        t0 = Instant.parse("2026-03-10T10:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(1, 3000)));
        at(Duration.ZERO);
        desk = products.insert(new ProductDraft("REM-" + ThreadLocalRandom.current().nextInt(1_000_000), "Oak Desk",
                "A desk.", Money.of("120.00", "USD"), List.of("Home"), null, true, Map.of()));
    }

    @AfterEach
    void realTimeAgain() {
        clock().set(null);
    }

    TestClock clock() {
        return (TestClock) appClock;
    }

    /** The clock at t0 plus this much. */
    Instant at(Duration sinceT0) {
        Instant at = t0.plus(sinceT0);
        clock().set(at);
        return at;
    }

    String conversation() {
        String phone = "+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        return conversations.create(shoppers.touch(phone, null).id(), "twilio").id();
    }

    /** The shopper writes: the message, and the touch every message gives its conversation. */
    void says(String conversation) {
        messages.append(conversation, Message.Role.USER, "hello", null);
        conversations.touchAndGet(conversation);
    }

    String order(String conversation, OrderStatus status) {
        String user = conversations.find(conversation).orElseThrow().userId();
        return orders.insert(user, conversation, List.of(new OrderItem(desk.id(), desk.name(), 1, desk.price())),
                desk.price(), status).id();
    }

    /** A payment link made now, for this long. */
    String link(String order, Duration lives) {
        Instant now = appClock.instant();
        return payments.insert(order, "sandbox", "tok-" + ThreadLocalRandom.current().nextLong(), "https://pay/" + order,
                now.plus(lives)).id();
    }

    @Test
    void anUnpaidOrdersLatestLinkIsFoundWhenItExpiresWithinBeforeAndNotOnceReminded() {
        String soon = order(conversation(), OrderStatus.PENDING_PAYMENT);
        String soonLink = link(soon, Duration.ofHours(1));
        String twoLinks = order(conversation(), OrderStatus.PENDING_PAYMENT);
        link(twoLinks, Duration.ofHours(1));
        String paid = order(conversation(), OrderStatus.PENDING_PAYMENT);
        link(paid, Duration.ofHours(1));
        orders.changeStatus(paid, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID);
        String far = order(conversation(), OrderStatus.PENDING_PAYMENT);
        link(far, Duration.ofHours(5));
        String gone = order(conversation(), OrderStatus.PENDING_PAYMENT);
        link(gone, Duration.ofMinutes(5));
        at(Duration.ofMinutes(5));
        String newer = link(twoLinks, Duration.ofHours(2)); // the one the shopper was last sent

        Instant now = at(Duration.ofMinutes(10));
        List<ReminderRepository.UnpaidOrder> due = reminders.unpaidOrdersExpiringWithin(now, BEFORE, 100);
        // Not the paid one, nor the one whose link lives 5 hours more, nor the one whose link has expired.
        assertThat(due).extracting(ReminderRepository.UnpaidOrder::orderId, ReminderRepository.UnpaidOrder::paymentId)
                .containsExactly(tuple(soon, soonLink), tuple(twoLinks, newer));
        // An hour's link made at t0 is due at its half-way mark, not at once (2 hours before expiry is before t0).
        assertThat(due.getFirst().dueAt(BEFORE)).isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertThat(due.getFirst().expiresAt()).isEqualTo(t0.plus(Duration.ofHours(1)));
        // A day's link is due 2 hours before it expires.
        var day = new ReminderRepository.UnpaidOrder("o", "c", "p", t0, t0.plus(Duration.ofHours(24)));
        assertThat(day.dueAt(BEFORE)).isEqualTo(t0.plus(Duration.ofHours(22)));

        String conversation = orders.find(soon).orElseThrow().conversationId();
        assertThat(reminders.claim(ReminderKind.UNPAID_ORDER, conversation, soon, null, ReminderOutcome.SENT, now)).isNotNull();
        // Another instance, a moment later: the order is claimed, whatever it would have decided.
        assertThat(reminders.claim(ReminderKind.UNPAID_ORDER, conversation, soon, null, ReminderOutcome.OPTED_OUT, now))
                .isNull();
        assertThat(reminders.unpaidOrdersExpiringWithin(now, BEFORE, 100)).extracting(ReminderRepository.UnpaidOrder::orderId)
                .containsExactly(twoLinks);
        assertThat(reminders.of(conversation)).extracting(ReminderRepository.Entry::kind, ReminderRepository.Entry::outcome,
                ReminderRepository.Entry::reason).containsExactly(tuple(ReminderKind.UNPAID_ORDER, "sent", null));
    }

    @Test
    void aCartIsAbandonedOnceItsShopperIsQuietWithinTheWindowAndIsRemindedOfOncePerCart() {
        String quiet = conversation();
        says(quiet);
        carts.add(quiet, desk.id(), 1);
        String chatting = conversation();
        carts.add(chatting, desk.id(), 1);
        String ordered = conversation();
        says(ordered);
        carts.add(ordered, desk.id(), 1);
        String pending = conversation();
        says(pending);
        String emptyCart = conversation();
        says(emptyCart);
        at(Duration.ofMinutes(1));
        carts.add(pending, desk.id(), 1);             // added after its order was made: still not abandoned
        at(Duration.ofMinutes(10));
        order(ordered, OrderStatus.EXPIRED);          // ordered since the cart last grew
        at(Duration.ofMinutes(-1));
        order(pending, OrderStatus.PENDING_PAYMENT);  // waiting for payment: an unpaid order's reminder
        at(Duration.ofHours(2));
        says(chatting);
        String longAgo = conversation();              // quiet since 20 hours before t0
        at(Duration.ofHours(-20));
        says(longAgo);
        carts.add(longAgo, desk.id(), 1);

        Instant now = at(Duration.ofHours(5));
        Instant quietSince = now.minus(Duration.ofHours(4));
        List<ReminderRepository.AbandonedCart> due = reminders.abandonedCarts(quietSince, now.minus(WINDOW), 100);
        assertThat(due).extracting(ReminderRepository.AbandonedCart::conversationId).containsExactly(quiet);
        assertThat(due.getFirst().since()).isEqualTo(t0);
        assertThat(due.getFirst().lastFromShopper()).isEqualTo(t0);

        assertThat(reminders.claim(ReminderKind.ABANDONED_CART, quiet, null, t0, ReminderOutcome.SENT, now)).isNotNull();
        assertThat(reminders.claim(ReminderKind.ABANDONED_CART, quiet, null, t0, ReminderOutcome.SENT, now)).isNull();
        assertThat(reminders.abandonedCarts(quietSince, now.minus(WINDOW), 100)).isEmpty();

        // The shopper orders, lets the link expire, adds another product and goes quiet: a new cart. (More
        // of a product already in it is not a change: a line keeps the time it was first added.)
        at(Duration.ofHours(6));
        says(quiet);
        order(quiet, OrderStatus.EXPIRED);
        at(Duration.ofHours(6).plusMinutes(1));
        carts.add(quiet, desk.id(), 1);
        assertThat(reminders.abandonedCarts(at(Duration.ofHours(11)).minus(Duration.ofHours(4)),
                t0.minus(Duration.ofHours(13)), 100)).extracting(ReminderRepository.AbandonedCart::conversationId)
                .containsExactly(chatting);
        at(Duration.ofHours(6).plusMinutes(2));
        carts.add(quiet, products.insert(new ProductDraft("REM-" + ThreadLocalRandom.current().nextInt(1_000_000),
                "Lamp", "A lamp.", Money.of("30.00", "USD"), List.of("Home"), null, true, Map.of())).id(), 1);
        now = at(Duration.ofHours(11));
        List<ReminderRepository.AbandonedCart> again = reminders.abandonedCarts(now.minus(Duration.ofHours(4)), now.minus(WINDOW), 100);
        // Longest quiet first: the one that was chatting at t0 + 2h has been quiet long enough too by now.
        assertThat(again).extracting(ReminderRepository.AbandonedCart::conversationId).containsExactly(chatting, quiet);
        assertThat(again.getLast().since()).isEqualTo(t0.plus(Duration.ofHours(6)));
        assertThat(reminders.claim(ReminderKind.ABANDONED_CART, quiet, null, again.getLast().since(),
                ReminderOutcome.OUTSIDE_WINDOW, now)).isNotNull();
        assertThat(reminders.of(quiet)).extracting(ReminderRepository.Entry::outcome, ReminderRepository.Entry::reason)
                .containsExactly(tuple("sent", null), tuple("skipped", "outside_window"));
    }
}
