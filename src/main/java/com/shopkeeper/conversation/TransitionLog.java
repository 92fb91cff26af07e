package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.db.tables.records.ConversationTransitionsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /**
     * Every applied or refused call appends a step: its next number, then the row, each rendered
     * once ({@link RenderedOnce}). The caller's transaction holds the write lock between the two
     * (SQLite begins IMMEDIATE); the unique (conversation, seq) catches anything else.
     */
    private final RenderedOnce nextSeq;
    private final RenderedOnce insert;

    TransitionLog(DSLContext db, Clock clock, ApplicationEventPublisher events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
        var t = CONVERSATION_TRANSITIONS;
        this.nextSeq = RenderedOnce.of(db, db.select(DSL.coalesce(DSL.max(t.SEQ), DSL.inline(0)).plus(DSL.inline(1)))
                .from(t).where(t.CONVERSATION_ID.eq(DSL.param("conversation", t.CONVERSATION_ID))));
        this.insert = RenderedOnce.of(db, db.insertInto(t)
                .set(t.ID, DSL.param("id", t.ID)).set(t.CONVERSATION_ID, DSL.param("conversation", t.CONVERSATION_ID))
                .set(t.SEQ, DSL.param("seq", t.SEQ)).set(t.FROM_STATE, DSL.param("from", t.FROM_STATE))
                .set(t.EVENT, DSL.param("event", t.EVENT)).set(t.TO_STATE, DSL.param("to", t.TO_STATE))
                .set(t.OUTCOME, DSL.param("outcome", t.OUTCOME)).set(t.REASON, DSL.param("reason", t.REASON))
                .set(t.MESSAGE_ID, DSL.param("message", t.MESSAGE_ID)).set(t.AT, DSL.param("at", t.AT)));
    }

    /**
     * Appends the next step; call it in the transaction that changes the conversation. Listeners
     * hear of it as a {@link TransitionRecorded} (after commit, if they ask for it).
     */
    public Transition append(String conversationId, State from, String event, State to,
                             Transition.Outcome outcome, String reason, String messageId) {
        var t = CONVERSATION_TRANSITIONS;
        Integer seq = nextSeq.value(db, Integer.class, DSL.val(conversationId, t.CONVERSATION_ID));
        Transition step = new Transition(Ids.next(), conversationId, seq, from, event, to, outcome, reason, messageId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)); // as the column keeps it
        insert.execute(db, DSL.val(step.id(), t.ID), DSL.val(conversationId, t.CONVERSATION_ID), DSL.val(seq, t.SEQ),
                DSL.val(from.name(), t.FROM_STATE), DSL.val(event, t.EVENT), DSL.val(to.name(), t.TO_STATE),
                DSL.val(outcome.name(), t.OUTCOME), DSL.val(reason, t.REASON), DSL.val(messageId, t.MESSAGE_ID),
                DSL.val(step.at(), t.AT));
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
