package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.db.tables.records.ConversationTransitionsRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;

/** The transition log: every step of every conversation, applied or refused. */
@Repository
public class TransitionLog {

    private final DSLContext db;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TransitionLog(DSLContext db, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Appends the next step; call it in the transaction that changes the conversation. Listeners
     * hear of it as a {@link TransitionRecorded} (after commit, if they ask for it).
     */
    public Transition append(String conversationId, State from, String event, State to,
                             Transition.Outcome outcome, String reason, String messageId) {
        var t = CONVERSATION_TRANSITIONS;
        // The next number and the row in one statement (the transaction's write lock keeps it unique).
        ConversationTransitionsRecord r = db.insertInto(t, t.ID, t.CONVERSATION_ID, t.SEQ, t.FROM_STATE, t.EVENT,
                        t.TO_STATE, t.OUTCOME, t.REASON, t.MESSAGE_ID, t.AT)
                .select(DSL.select(DSL.val(Ids.next()), DSL.val(conversationId),
                                DSL.coalesce(DSL.max(t.SEQ), DSL.inline(0)).plus(DSL.inline(1)),
                                DSL.val(from.name()), DSL.val(event), DSL.val(to.name()), DSL.val(outcome.name()),
                                DSL.val(reason, t.REASON), DSL.val(messageId, t.MESSAGE_ID), DSL.val(clock.instant(), t.AT))
                        .from(t).where(t.CONVERSATION_ID.eq(conversationId)))
                .returning()
                .fetchOne();
        Transition step = toTransition(r);
        events.publishEvent(new TransitionRecorded(step));
        return step;
    }

    public List<Transition> forConversation(String conversationId) {
        return db.selectFrom(CONVERSATION_TRANSITIONS)
                .where(CONVERSATION_TRANSITIONS.CONVERSATION_ID.eq(conversationId))
                .orderBy(CONVERSATION_TRANSITIONS.SEQ)
                .fetch(TransitionLog::toTransition);
    }

    /** Steps taken in [from, to), oldest first: what the metrics and the visualizer read. */
    public List<Transition> between(Instant from, Instant to) {
        return db.selectFrom(CONVERSATION_TRANSITIONS)
                .where(CONVERSATION_TRANSITIONS.AT.ge(from), CONVERSATION_TRANSITIONS.AT.lt(to))
                .orderBy(CONVERSATION_TRANSITIONS.AT, CONVERSATION_TRANSITIONS.ID)
                .fetch(TransitionLog::toTransition);
    }

    /** How often each (from, event, to, outcome, reason) happened in [from, to). */
    public record EdgeCount(State from, String event, State to, Transition.Outcome outcome, String reason, long count) {
    }

    public List<EdgeCount> countsBetween(Instant from, Instant to) {
        var t = CONVERSATION_TRANSITIONS;
        var count = DSL.count();
        return db.select(t.FROM_STATE, t.EVENT, t.TO_STATE, t.OUTCOME, t.REASON, count)
                .from(t)
                .where(t.AT.ge(from), t.AT.lt(to))
                .groupBy(t.FROM_STATE, t.EVENT, t.TO_STATE, t.OUTCOME, t.REASON)
                .fetch(r -> new EdgeCount(State.valueOf(r.value1()), r.value2(), State.valueOf(r.value3()),
                        Transition.Outcome.valueOf(r.value4()), r.value5(), r.get(count)));
    }

    static Transition toTransition(ConversationTransitionsRecord r) {
        return new Transition(r.getId(), r.getConversationId(), r.getSeq(), State.valueOf(r.getFromState()),
                r.getEvent(), State.valueOf(r.getToState()), Transition.Outcome.valueOf(r.getOutcome()), r.getReason(),
                r.getMessageId(), r.getAt());
    }
}
