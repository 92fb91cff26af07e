package com.shopkeeper.order;

import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.NoticeText;
import com.shopkeeper.messaging.ShopperMessenger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the shopper what happened to their order, once the change is committed: a rolled-back
 * payment must never have been announced, and a replayed webhook changes nothing, so it is
 * announced once.
 */
@Component
class OrderNotifier {

    private static final Logger log = LoggerFactory.getLogger(OrderNotifier.class);

    private final ShopperMessenger messenger;

    OrderNotifier(ShopperMessenger messenger) {
        this.messenger = messenger;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(OrderStatusChanged change) {
        Order order = change.order();
        if (!change.tellsShopper() || order.conversationId() == null) {
            return;
        }
        NoticeText notice = new NoticeText(notice(order), text(order, change.cause()),
                List.of(order.reference(), order.total().display()));
        try {
            messenger.tell(order.conversationId(), notice);
        } catch (RuntimeException e) {
            // The order has changed for good; a notice that could not even be written down must not undo
            // it or fail the webhook (one written down is retried and recorded by the messenger).
            log.warn("order={} could not tell the shopper about {}: {}", order.id(), order.status(), e.toString());
        }
    }

    /** Which notice a status is, for its template outside the 24-hour window. */
    static Notice notice(Order order) {
        return switch (order.status()) {
            case PAID -> Notice.PAID;
            case FULFILLED -> Notice.FULFILLED;
            case SHIPPED -> Notice.SHIPPED;
            case DELIVERED -> Notice.DELIVERED;
            case CANCELLED -> Notice.CANCELLED;
            case EXPIRED -> Notice.EXPIRED;
            case PAYMENT_FAILED -> Notice.PAYMENT_FAILED;
            case PENDING_PAYMENT -> Notice.ADMIN;
        };
    }

    static String text(Order order, OrderStatusChanged.Cause cause) {
        String ref = "order " + order.reference();
        String total = order.total().display();
        return switch (order.status()) {
            case PAID -> "Payment received, thank you! Your " + ref + " (" + total + ") is confirmed. "
                    + "We'll tell you when it ships.";
            case FULFILLED -> "Your " + ref + " is packed and ready to ship.";
            case SHIPPED -> "Good news: your " + ref + " has shipped.";
            case DELIVERED -> "Your " + ref + " has been delivered. Enjoy!";
            case CANCELLED -> cause == OrderStatusChanged.Cause.SHOPPER
                    ? "You cancelled the payment of " + ref + ". Your cart is still here whenever you want to order."
                    : "Your " + ref + " (" + total + ") has been cancelled by the shop. "
                    + "If you already paid, you will be refunded.";
            case EXPIRED -> "The payment link for " + ref + " has expired. Your cart is still here: "
                    + "just ask to check out again.";
            case PAYMENT_FAILED -> "The payment for " + ref + " did not go through. Your cart is still here: "
                    + "you can check out again.";
            case PENDING_PAYMENT -> "Your " + ref + " (" + total + ") is waiting for payment.";
        };
    }
}
