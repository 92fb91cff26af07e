package com.shopkeeper.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person from the shop and a conversation (issue 16). The bot hands a shopper over itself (they
 * asked for a person, or it failed them twice: the engine moves to HANDOFF); an admin can also take
 * a conversation over, writes to the shopper from the conversation page, and hands it back to the
 * state it came from, where the bot speaks again. Every move goes through the transition table.
 * Counted: {@code shopkeeper.handoffs{reason}} and {@code shopkeeper.handoff.first_answer} (how long
 * a handed-off shopper waited for a person's first message).
 */
@Component
public class Handoffs {

    private final ConversationRepository conversations;
    private final OutsideEvents events;
    private final MeterRegistry registry;
    private final Timer firstAnswer;

    Handoffs(ConversationRepository conversations, OutsideEvents events, MeterRegistry registry) {
        this.conversations = conversations;
        this.events = events;
        this.registry = registry;
        this.firstAnswer = Timer.builder("shopkeeper.handoff.first_answer")
                .description("From a handoff to a person's first message to the shopper").register(registry);
    }

    /**
     * An admin takes the conversation: into HANDOFF if it was not there, and marked as theirs.
     * Another admin (or the shopper asking for a person) may get it there between our read and our
     * move: on PostgreSQL nothing holds the row between the two, as SQLite's write lock did. The
     * move then finds it in HANDOFF and means nothing; it is handed off all the same, once.
     */
    @Transactional
    public State takeOver(String conversationId, String admin) {
        Conversation c = conversations.find(conversationId).orElseThrow();
        if (c.state() != State.HANDOFF) {
            String reason = "taken over by " + admin;
            if (events.apply(conversationId, Event.HANDED_OVER, Facts.NONE, reason).isPresent()) {
                conversations.handoffReason(conversationId, reason);
                registry.counter("shopkeeper.handoffs", "reason", "admin").increment();
            } else if (conversations.find(conversationId).orElseThrow().state() != State.HANDOFF) {
                throw new IllegalStateException("conversation " + conversationId + " could not be handed over");
            }
        }
        conversations.takenBy(conversationId, admin);
        return State.HANDOFF;
    }

    /**
     * The bot has the conversation again, in the state it came from; what it waited for is answered.
     * Empty when it was not handed off.
     */
    @Transactional
    public Optional<State> handBack(String conversationId, String admin) {
        Optional<ConversationRepository.Handoff> handoff = conversations.handoff(conversationId);
        if (handoff.isEmpty()) {
            return Optional.empty();
        }
        Optional<State> to = events.apply(conversationId, Event.HANDED_BACK, Facts.handingBackTo(handoff.get().cameFrom()),
                "handed back by " + admin);
        to.ifPresent(s -> conversations.answeredByPerson(conversationId));
        return to;
    }

    /** A person wrote to the shopper: the first message after a handoff is timed, and the conversation is theirs. */
    @Transactional
    public void personWrote(String conversationId, String admin) {
        conversations.firstHumanAnswer(conversationId).ifPresent(firstAnswer::record);
        if (conversations.handoff(conversationId).filter(h -> h.takenBy() == null).isPresent()) {
            conversations.takenBy(conversationId, admin);
        }
    }
}
