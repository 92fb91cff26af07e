package com.shopkeeper.engine;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.OutsideEvents;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.order.OrderStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The machine's outside events for an order that ends without payment: the shopper cancelled on
 * the pay page or the shop did ({@code order_cancelled}), or the payment expired or failed
 * ({@code payment_expired}). A conversation still checking out goes back to its cart (which was
 * kept); in any other state the table has no row for them and nothing moves. Runs in the
 * transaction that moved the order, so both happen or neither.
 */
@Component
class OrderOutcomes {

    private final OutsideEvents outsideEvents;

    OrderOutcomes(OutsideEvents outsideEvents) {
        this.outsideEvents = outsideEvents;
    }

    @EventListener
    void on(OrderStatusChanged change) {
        // A superseded order is the engine's own doing: its create_order moves the machine.
        if (change.cause() == OrderStatusChanged.Cause.SUPERSEDED || change.from() != OrderStatus.PENDING_PAYMENT
                || change.order().conversationId() == null) {
            return;
        }
        Event event = switch (change.to()) {
            case CANCELLED -> Event.ORDER_CANCELLED;
            case EXPIRED, PAYMENT_FAILED -> Event.PAYMENT_EXPIRED;
            default -> null; // PAID is the payment-confirmed row, applied where payments settle
        };
        if (event != null) {
            outsideEvents.apply(change.order().conversationId(), event);
        }
    }
}
