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
        for (int attempt = 1; ; attempt++) {
            Conversation c = conversations.find(conversationId).orElse(null);
            if (c == null || !(machine.fire(c.state(), event, Facts.NONE) instanceof Decision.Applied applied)) {
                return; // gone, or the event means nothing in this state
            }
            try {
                conversations.save(c.withState(applied.to()));
                transitions.append(conversationId, c.state(), event.wireName(), applied.to(), Transition.Outcome.APPLIED, null, null);
                log.info("conversation={} {} -[{}]-> {}", conversationId, c.state(), event.wireName(), applied.to());
                return;
            } catch (OptimisticLockingFailureException e) {
                // The engine saved the conversation between our read and write: read it again.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
