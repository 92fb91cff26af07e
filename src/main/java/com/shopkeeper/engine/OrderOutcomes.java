package com.shopkeeper.engine;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationMachine;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.conversation.TransitionTable.Decision;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.order.OrderStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The machine's outside events for an order that ends without payment: the shopper cancelled on
 * the pay page or the shop did ({@code order_cancelled}), or the payment expired or failed
 * ({@code payment_expired}). A conversation still checking out goes back to its cart (which was
 * kept). Runs in the transaction that moved the order, so both happen or neither.
 */
@Component
class OrderOutcomes {

    private static final Logger log = LoggerFactory.getLogger(OrderOutcomes.class);

    private final ConversationRepository conversations;
    private final ConversationMachine machine;
    private final TransitionLog transitions;

    OrderOutcomes(ConversationRepository conversations, ConversationMachine machine, TransitionLog transitions) {
        this.conversations = conversations;
        this.machine = machine;
        this.transitions = transitions;
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
        if (event == null) {
            return;
        }
        Conversation c = conversations.find(change.order().conversationId()).orElse(null);
        if (c == null || (c.state() != State.CHECKOUT && c.state() != State.AWAITING_PAYMENT)) {
            return; // the shopper has moved on (browsing, a new cart): nothing to undo
        }
        if (machine.fire(c.state(), event, Facts.NONE) instanceof Decision.Applied applied) {
            conversations.save(c.withState(applied.to()));
            transitions.append(c.id(), c.state(), event.wireName(), applied.to(), Transition.Outcome.APPLIED, null, null);
            log.info("conversation={} {} -[{}]-> {}", c.id(), c.state(), event.wireName(), applied.to());
        }
    }
}
