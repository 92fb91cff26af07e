package com.shopkeeper.order;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.OutsideEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a confirmed payment does to the shopper's conversation: the design's "payment confirmed"
 * row (any state, for that shopper's pending order: BROWSING if it was AWAITING_PAYMENT; cart
 * cleared; shopper told). The machine decides the row; this applies it.
 */
@Service
public class PaymentConfirmedHandler {

    private final OutsideEvents outsideEvents;
    private final CartRepository carts;
    private final ApplicationEventPublisher events;

    PaymentConfirmedHandler(OutsideEvents outsideEvents, CartRepository carts, ApplicationEventPublisher events) {
        this.outsideEvents = outsideEvents;
        this.carts = carts;
        this.events = events;
    }

    /** Runs in the transaction that marked the order PAID, so that all of it happens or none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(Order paid) {
        if (paid.conversationId() != null) {
            outsideEvents.apply(paid.conversationId(), Event.PAYMENT_CONFIRMED);
            carts.clear(paid.conversationId());
        }
        // The shopper's confirmation is sent by a listener after commit (OrderNotifier).
        events.publishEvent(new OrderPaid(paid));
    }
}
