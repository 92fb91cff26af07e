package com.shopkeeper.conversation;

import static com.shopkeeper.db.Tables.MESSAGES;
import static com.shopkeeper.db.Tables.TURNS;

import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.SensitiveField;
import com.shopkeeper.db.tables.records.TurnsRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The turn ledger ({@link Turn}). Every write is meant for the caller's transaction: a turn opens
 * with the shopper's message recorded, and each step is counted with its effects and its replies,
 * so that the count never says more (or less) than what was applied.
 */
@Repository
public class TurnRepository {

    /** Replies of one step are numbered {@code step * STEP_SPAN + i}: ordered without reading the turn's others. */
    static final int STEP_SPAN = 16;

    private final DSLContext db;
    private final MessageRepository messages;
    private final FieldCipher cipher;
    private final Clock clock;
    private final RenderedOnce insert;
    private final RenderedOnce advance;
    private final RenderedOnce finish;

    TurnRepository(DSLContext db, MessageRepository messages, FieldCipher cipher, Clock clock) {
        this.db = db;
        this.messages = messages;
        this.cipher = cipher;
        this.clock = clock;
        this.insert = RenderedOnce.of(db, db.insertInto(TURNS)
                .set(TURNS.MESSAGE_ID, DSL.param("message", TURNS.MESSAGE_ID))
                .set(TURNS.CONVERSATION_ID, DSL.param("conversation", TURNS.CONVERSATION_ID))
                .set(TURNS.KIND, DSL.param("kind", TURNS.KIND))
                .set(TURNS.STATUS, DSL.param("status", TURNS.STATUS))
                .set(TURNS.STEPS_DONE, DSL.inline(0))
                .set(TURNS.RECEIVED_AT, DSL.param("at", TURNS.RECEIVED_AT))
                .set(TURNS.UPDATED_AT, DSL.param("at2", TURNS.UPDATED_AT)));
        // The step count moves only from what the caller read: a second runner of the same turn fails here.
        this.advance = RenderedOnce.of(db, db.update(TURNS)
                .set(TURNS.STEPS_DONE, DSL.param("next", TURNS.STEPS_DONE))
                .set(TURNS.STATUS, DSL.param("status", TURNS.STATUS))
                .set(TURNS.PLAN, DSL.coalesce(DSL.param("plan", TURNS.PLAN), TURNS.PLAN))
                .set(TURNS.UPDATED_AT, DSL.param("at", TURNS.UPDATED_AT))
                .where(TURNS.MESSAGE_ID.eq(DSL.param("message", TURNS.MESSAGE_ID)))
                .and(TURNS.STEPS_DONE.eq(DSL.param("done", TURNS.STEPS_DONE)))
                .and(TURNS.STATUS.eq(DSL.inline(Turn.Status.RECEIVED.name()))));
        this.finish = RenderedOnce.of(db, db.update(TURNS)
                .set(TURNS.STATUS, DSL.inline(Turn.Status.SENT.name()))
                .set(TURNS.UPDATED_AT, DSL.param("at", TURNS.UPDATED_AT))
                .where(TURNS.MESSAGE_ID.eq(DSL.param("message", TURNS.MESSAGE_ID))));
    }

    /** Opens the turn of a message just recorded; {@code status} ANSWERED when the replies went in with it. */
    public Turn open(Message message, Turn.Kind kind, Turn.Status status) {
        Instant at = clock.instant();
        insert.execute(db, DSL.val(message.id(), TURNS.MESSAGE_ID), DSL.val(message.conversationId(), TURNS.CONVERSATION_ID),
                DSL.val(kind.name(), TURNS.KIND), DSL.val(status.name(), TURNS.STATUS), DSL.val(at, TURNS.RECEIVED_AT),
                DSL.val(at, TURNS.UPDATED_AT));
        return new Turn(message.id(), message.conversationId(), kind, status, null, 0);
    }

    /**
     * Records that a message just recorded is answered by {@code lead}'s turn (a burst): its own turn
     * is MERGED and SENT at once, with no replies, so that a redelivery of it does nothing.
     */
    public Turn merge(Message message, Turn lead) {
        Instant at = clock.instant();
        db.insertInto(TURNS)
                .set(TURNS.MESSAGE_ID, message.id())
                .set(TURNS.CONVERSATION_ID, message.conversationId())
                .set(TURNS.KIND, Turn.Kind.MERGED.name())
                .set(TURNS.STATUS, Turn.Status.SENT.name())
                .set(TURNS.STEPS_DONE, 0)
                .set(TURNS.RECEIVED_AT, at)
                .set(TURNS.UPDATED_AT, at)
                .set(TURNS.MERGED_INTO, lead.messageId())
                .execute();
        return new Turn(message.id(), message.conversationId(), Turn.Kind.MERGED, Turn.Status.SENT, null, 0);
    }

    /** What the shopper wrote in the messages merged into this turn, in the order they wrote it. */
    public List<String> mergedTexts(Turn lead) {
        return db.select(MESSAGES.CONTENT).from(TURNS).join(MESSAGES).on(MESSAGES.ID.eq(TURNS.MESSAGE_ID))
                .where(TURNS.MERGED_INTO.eq(lead.messageId()))
                .orderBy(MESSAGES.TIMESTAMP, MESSAGES.ID)
                .fetch(r -> cipher.open(SensitiveField.MESSAGE_CONTENT, r.value1()));
    }

    /** The turn of a message recorded before, by the platform's id for it. */
    public Optional<Turn> findByPlatformMessageId(String platformMessageId) {
        return db.select(TURNS.fields()).from(TURNS).join(MESSAGES).on(MESSAGES.ID.eq(TURNS.MESSAGE_ID))
                .where(MESSAGES.PLATFORM_MESSAGE_ID.eq(platformMessageId))
                .fetchOptional(r -> toTurn(r.into(TURNS)));
    }

    public Optional<Turn> find(String messageId) {
        return db.selectFrom(TURNS).where(TURNS.MESSAGE_ID.eq(messageId)).fetchOptional(this::toTurn);
    }

    /**
     * Step {@code index} of the turn is applied, in the caller's transaction: its replies are
     * recorded and the count moves from {@code index} to {@code index + 1}; the turn's plan is kept
     * when given (the first step's); the last step makes the turn ANSWERED.
     *
     * @throws TurnStepTakenException when the ledger no longer says {@code index} steps are done
     */
    public Turn step(Turn turn, int index, String plan, List<Turn.Reply> replies, boolean last) {
        if (index >= Integer.MAX_VALUE / STEP_SPAN || replies.size() > STEP_SPAN) {
            throw new IllegalArgumentException("step " + index + " with " + replies.size() + " replies");
        }
        String sealed = cipher.seal(SensitiveField.TURN_PLAN, plan);
        int changed = advance.execute(db, DSL.val(index + 1, TURNS.STEPS_DONE),
                DSL.val((last ? Turn.Status.ANSWERED : Turn.Status.RECEIVED).name(), TURNS.STATUS),
                DSL.val(sealed, TURNS.PLAN), DSL.val(clock.instant(), TURNS.UPDATED_AT),
                DSL.val(turn.messageId(), TURNS.MESSAGE_ID), DSL.val(index, TURNS.STEPS_DONE));
        if (changed != 1) {
            throw new TurnStepTakenException(turn.messageId(), index);
        }
        for (int i = 0; i < replies.size(); i++) {
            Turn.Reply reply = replies.get(i);
            messages.appendReply(turn.conversationId(), turn.messageId(), index * STEP_SPAN + i, reply.text(), reply.media(), reply.choices());
        }
        return turn.afterStep(index, plan != null ? plan : turn.plan(), last);
    }

    /** The turn's replies that have not gone out yet, in order. */
    public List<Turn.Reply> unsent(Turn turn) {
        return messages.unsentReplies(turn.messageId());
    }

    /** One reply went out. */
    public void sent(String replyId) {
        messages.markSent(replyId, clock.instant());
    }

    /** Every reply went out (or was suppressed): the turn is over. */
    public void finished(Turn turn) {
        finish.execute(db, DSL.val(clock.instant(), TURNS.UPDATED_AT), DSL.val(turn.messageId(), TURNS.MESSAGE_ID));
    }

    /** How many turns are not yet SENT: zero when nothing is left half done. */
    public int countUnfinished() {
        return db.fetchCount(TURNS, TURNS.STATUS.ne(Turn.Status.SENT.name()));
    }

    private Turn toTurn(TurnsRecord r) {
        return new Turn(r.getMessageId(), r.getConversationId(), Turn.Kind.valueOf(r.getKind()),
                Turn.Status.valueOf(r.getStatus()), cipher.open(SensitiveField.TURN_PLAN, r.getPlan()), r.getStepsDone());
    }
}
