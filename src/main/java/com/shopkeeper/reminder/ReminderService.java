package com.shopkeeper.reminder;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.NoticeProperties;
import com.shopkeeper.messaging.NoticeText;
import com.shopkeeper.messaging.ShopperMessenger;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.PaymentRepository;
import com.shopkeeper.payment.PaymentStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides the reminders that are due, each once: an unpaid order's before its payment link expires,
 * and, when the shop has them on, an abandoned cart's. A reminder goes only free-form, inside the
 * 24-hour window, and never to a shopper who opted out; otherwise it is skipped, on record, for good.
 *
 * <p>Each reminder is decided in one transaction: the claim (its row, which one instance's insert
 * wins), then the notice written down ({@link ShopperMessenger#tellOnCommit}), sent once that commits.
 */
@Service
class ReminderService {

    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Cart lines a reminder names; the rest are "and N more". */
    static final int LINES_NAMED = 3;

    private final ReminderRepository reminders;
    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final Carts carts;
    private final MessageRepository messages;
    private final ShopperMessenger messenger;
    private final ReminderSettings settings;
    private final ReminderProperties props;
    private final NoticeProperties notices;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry metrics;

    ReminderService(ReminderRepository reminders, OrderRepository orders, PaymentRepository payments, Carts carts,
                    MessageRepository messages, ShopperMessenger messenger, ReminderSettings settings,
                    ReminderProperties props, NoticeProperties notices, PlatformTransactionManager transactions,
                    Clock clock, MeterRegistry metrics) {
        this.reminders = reminders;
        this.orders = orders;
        this.payments = payments;
        this.carts = carts;
        this.messages = messages;
        this.messenger = messenger;
        this.settings = settings;
        this.props = props;
        this.notices = notices;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Reminds the unpaid orders whose links expire soon; how many reminders were decided. */
    int remindUnpaidOrders() {
        if (!props.unpaid().enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        int decided = 0;
        for (ReminderRepository.UnpaidOrder due : reminders.unpaidOrdersExpiringWithin(now, props.unpaid().before(), props.batch())) {
            if (due.dueAt(props.unpaid().before()).isAfter(now)) {
                continue;
            }
            decided += decide(ReminderKind.UNPAID_ORDER, due.conversationId(), due.orderId(), () -> tx.execute(status -> {
                // Paid or cancelled since it was read: nothing to remind of.
                Optional<Order> order = orders.find(due.orderId()).filter(o -> o.status() == OrderStatus.PENDING_PAYMENT);
                Optional<Payment> payment = payments.find(due.paymentId()).filter(p -> p.status() == PaymentStatus.PENDING);
                if (order.isEmpty() || payment.isEmpty()) {
                    return null;
                }
                return claimAndTell(ReminderKind.UNPAID_ORDER, due.conversationId(), due.orderId(), null, now,
                        () -> unpaidOrder(order.get(), payment.get()));
            }));
        }
        return decided;
    }

    /** Reminds abandoned carts, when the shop has that on; how many reminders were decided. */
    int remindAbandonedCarts() {
        ReminderSettings.AbandonedCarts rule = settings.abandonedCarts();
        if (!rule.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant quietSince = now.minus(rule.after());
        int decided = 0;
        for (ReminderRepository.AbandonedCart due : reminders.abandonedCarts(quietSince, now.minus(notices.serviceWindow()), props.batch())) {
            decided += decide(ReminderKind.ABANDONED_CART, due.conversationId(), null, () -> tx.execute(status -> {
                // The shopper wrote since it was read, or the cart went: not abandoned after all.
                boolean stillQuiet = messages.lastFromShopper(due.conversationId()).map(at -> !at.isAfter(quietSince)).orElse(false);
                Cart cart = carts.of(due.conversationId());
                if (!stillQuiet || cart.isEmpty()) {
                    return null;
                }
                return claimAndTell(ReminderKind.ABANDONED_CART, due.conversationId(), null, due.since(), now,
                        () -> abandonedCart(cart));
            }));
        }
        return decided;
    }

    /** One reminder decided, counted and logged; one that fails is left for the next poll. */
    private int decide(ReminderKind kind, String conversationId, String orderId, Supplier<ReminderOutcome> decision) {
        ReminderOutcome outcome;
        try {
            outcome = decision.get();
        } catch (RuntimeException e) {
            // One reminder that cannot be decided must not stop the others; nothing was claimed (rolled back).
            log.warn("conversation={} {} reminder not decided: {}", conversationId, kind.tag(), e.toString());
            return 0;
        }
        if (outcome == null) {
            return 0;
        }
        metrics.counter("shopkeeper.reminders", "kind", kind.tag(), "outcome", outcome.tag()).increment();
        log.info("conversation={}{} {} reminder: {}", conversationId, orderId == null ? "" : " order=" + orderId,
                kind.tag(), outcome.tag());
        return 1;
    }

    /** In the caller's transaction: the claim, then the notice when the shopper may have it. Null when claimed before. */
    private ReminderOutcome claimAndTell(ReminderKind kind, String conversationId, String orderId, Instant cartSince,
                                         Instant now, Supplier<NoticeText> notice) {
        ReminderOutcome outcome = ReminderOutcome.of(messenger.reach(conversationId));
        String id = reminders.claim(kind, conversationId, orderId, cartSince, outcome, now);
        if (id == null) {
            return null;
        }
        if (outcome == ReminderOutcome.SENT) {
            reminders.sentAs(id, messenger.tellOnCommit(conversationId, notice.get()));
        }
        return outcome;
    }

    static NoticeText unpaidOrder(Order order, Payment payment) {
        String text = "A reminder: your order *" + order.reference() + "* (" + order.total().display()
                + ") is still waiting for payment. You can pay here:\n" + payment.paymentLink()
                + "\nThe link works until " + TIME.format(payment.expiresAt()) + ".";
        // Never a template (Notice.REMINDER is free-form only): no template variables.
        return new NoticeText(Notice.REMINDER, text, List.of());
    }

    static NoticeText abandonedCart(Cart cart) {
        StringBuilder items = new StringBuilder();
        List<CartLine> lines = cart.lines();
        for (int i = 0; i < Math.min(LINES_NAMED, lines.size()); i++) {
            items.append(i == 0 ? "" : ", ").append(lines.get(i).quantity()).append(" × ").append(lines.get(i).product().name());
        }
        if (lines.size() > LINES_NAMED) {
            items.append(" and ").append(lines.size() - LINES_NAMED).append(" more");
        }
        String text = "You left something in your cart: " + items + " (*" + cart.total().display() + "*). "
                + "Reply *checkout* to order, or tell me what else you're looking for.";
        return new NoticeText(Notice.REMINDER, text, List.of());
    }
}
