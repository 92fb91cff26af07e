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
        Integer last = db.select(DSL.max(CONVERSATION_TRANSITIONS.SEQ)).from(CONVERSATION_TRANSITIONS)
                .where(CONVERSATION_TRANSITIONS.CONVERSATION_ID.eq(conversationId))
                .fetchOne(0, Integer.class);
        Instant now = clock.instant();
        ConversationTransitionsRecord r = db.newRecord(CONVERSATION_TRANSITIONS);
        r.setId(Ids.next());
        r.setConversationId(conversationId);
        r.setSeq(last == null ? 1 : last + 1);
        r.setFromState(from.name());
        r.setEvent(event);
        r.setToState(to.name());
        r.setOutcome(outcome.name());
        r.setReason(reason);
        r.setMessageId(messageId);
        r.setAt(now);
        r.insert();
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
