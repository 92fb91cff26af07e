package com.shopkeeper.conversation;

import com.shopkeeper.conversation.TransitionTable.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an event from outside the conversation (a payment provider, the shop) through the machine:
 * the table decides whether and where the conversation moves; an event with no row for the current
 * state changes nothing. Joins the caller's transaction, so the move and its cause land together.
 */
@Component
public class OutsideEvents {

    private static final Logger log = LoggerFactory.getLogger(OutsideEvents.class);
    private static final int ATTEMPTS = 3;

    private final ConversationRepository conversations;
    private final ConversationMachine machine;
    private final TransitionLog transitions;

    OutsideEvents(ConversationRepository conversations, ConversationMachine machine, TransitionLog transitions) {
        this.conversations = conversations;
        this.machine = machine;
        this.transitions = transitions;
    }

    @Transactional
    public void apply(String conversationId, Event event) {
        apply(conversationId, event, Facts.NONE, null);
    }

    /**
     * As {@link #apply(String, Event)}, with the facts its guards read and the reason logged on the
     * transition; answers the state the conversation moved to, or empty when the event meant nothing.
     */
    @Transactional
    public java.util.Optional<State> apply(String conversationId, Event event, Facts facts, String reason) {
        for (int attempt = 1; ; attempt++) {
            Conversation c = conversations.find(conversationId).orElse(null);
            if (c == null || !(machine.fire(c.state(), event, facts) instanceof Decision.Applied applied)) {
                return java.util.Optional.empty(); // gone, or the event means nothing in this state
            }
            try {
                conversations.save(c.withState(applied.to()));
                transitions.append(conversationId, c.state(), event.wireName(), applied.to(), Transition.Outcome.APPLIED, reason, null);
                log.info("conversation={} {} -[{}]-> {}", conversationId, c.state(), event.wireName(), applied.to());
                return java.util.Optional.of(applied.to());
            } catch (OptimisticLockingFailureException e) {
                // The engine saved the conversation between our read and write: read it again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
