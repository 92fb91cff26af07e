package com.shopkeeper.order;

import com.shopkeeper.messaging.ShopperMessenger;
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
        String text = text(order, change.cause());
        try {
            messenger.tell(order.conversationId(), text);
        } catch (RuntimeException e) {
            // The order has changed for good; a lost notice must not undo it or fail the webhook.
            log.warn("order={} could not tell the shopper about {}: {}", order.id(), order.status(), e.toString());
        }
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
