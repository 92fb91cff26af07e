package com.shopkeeper.order;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationMachine;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Facts;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
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

    static final String EVENT = Event.PAYMENT_CONFIRMED.wireName();
    private static final Logger log = LoggerFactory.getLogger(PaymentConfirmedHandler.class);
    private static final int ATTEMPTS = 3;

    private final ConversationRepository conversations;
    private final TransitionLog transitions;
    private final CartRepository carts;
    private final ApplicationEventPublisher events;
    private final ConversationMachine machine;

    PaymentConfirmedHandler(ConversationRepository conversations, TransitionLog transitions, CartRepository carts,
                            ApplicationEventPublisher events, ConversationMachine machine) {
        this.machine = machine;
        this.conversations = conversations;
        this.transitions = transitions;
        this.carts = carts;
        this.events = events;
    }

    /** Runs in the transaction that marked the order PAID, so that all of it happens or none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void handle(Order paid) {
        if (paid.conversationId() != null) {
            moveConversation(paid.conversationId());
            carts.clear(paid.conversationId());
        }
        // The shopper's confirmation is sent by a listener after commit (OrderNotifier).
        events.publishEvent(new OrderPaid(paid));
    }

    private void moveConversation(String conversationId) {
        for (int attempt = 1; ; attempt++) {
            Conversation c = conversations.find(conversationId).orElse(null);
            if (c == null) {
                return; // deleted meanwhile: the order stands on its own
            }
            State from = c.state();
            // The machine decides where a confirmed payment takes the conversation (the table's row).
            State to = switch (machine.fire(from, Event.PAYMENT_CONFIRMED, Facts.NONE)) {
                case TransitionTable.Decision.Applied applied -> applied.to();
                case TransitionTable.Decision.Refused refused -> from;
            };
            try {
                conversations.save(c.withState(to));
                transitions.append(conversationId, from, EVENT, to, Transition.Outcome.APPLIED, null, null);
                log.info("conversation={} {} -[{}]-> {}", conversationId, from, EVENT, to);
                return;
            } catch (OptimisticLockingFailureException e) {
                // The engine saved the conversation between our read and write: read again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
