package com.shopkeeper.insight;

import static com.shopkeeper.db.Tables.CONVERSATIONS;
import static com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;
import static com.shopkeeper.db.Tables.MESSAGES;
import static com.shopkeeper.db.Tables.ORDERS;
import static com.shopkeeper.db.Tables.REMINDERS;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.db.tables.ConversationTransitions;
import com.shopkeeper.reminder.ReminderKind;
import com.shopkeeper.reminder.ReminderOutcome;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The funnel's figures, each counted by the database from the conversations, the transition log,
 * the orders, the messages and the reminders of a window; nothing is loaded row by row.
 *
 * <p>An order counts as paid at its {@code payment_confirmed} step in the transition log: that step
 * is written in the transaction that moves the order to PAID, whatever moved it (a provider's
 * webhook, polling, the sandbox page, the shop owner), once per order.
 */
@Repository
class FunnelQueries {

    private static final ConversationTransitions T = CONVERSATION_TRANSITIONS;

    private final DSLContext db;

    FunnelQueries(DSLContext db) {
        this.db = db;
    }

    /** The window's cohort: conversations created in it (at the shopper's first message). */
    private static Select<Record1<String>> cohort(Window w) {
        return DSL.select(CONVERSATIONS.ID).from(CONVERSATIONS).where(w.contains(CONVERSATIONS.CREATED_AT));
    }

    private static Condition applied(ConversationTransitions t) {
        return t.OUTCOME.eq(Transition.Outcome.APPLIED.name());
    }

    private static Condition paidIn(Window w) {
        return applied(T).and(T.EVENT.eq(Event.PAYMENT_CONFIRMED.wireName())).and(w.contains(T.AT));
    }

    long started(Window w) {
        return db.fetchCount(CONVERSATIONS, w.contains(CONVERSATIONS.CREATED_AT));
    }

    /** Conversations of the cohort that created an order in the window. */
    long cohortWithOrder(Window w) {
        return db.select(DSL.countDistinct(ORDERS.CONVERSATION_ID)).from(ORDERS)
                .where(w.contains(ORDERS.CREATED_AT), ORDERS.CONVERSATION_ID.in(cohort(w)))
                .fetchSingle().value1();
    }

    /** Conversations of the cohort that had an order paid in the window. */
    long cohortPaid(Window w) {
        return db.select(DSL.countDistinct(T.CONVERSATION_ID)).from(T)
                .where(paidIn(w), T.CONVERSATION_ID.in(cohort(w)))
                .fetchSingle().value1();
    }

    long ordersCreated(Window w) {
        return db.fetchCount(ORDERS, w.contains(ORDERS.CREATED_AT));
    }

    long ordersPaid(Window w) {
        return db.fetchCount(T, paidIn(w));
    }

    /** Shopper and bot messages in the window, and how many conversations the shoppers wrote in. */
    MessageCounts messages(Window w) {
        Condition fromShopper = MESSAGES.ROLE.eq(Message.Role.USER.column());
        Record3<Integer, Integer, Integer> r = db.select(
                        DSL.count(DSL.when(fromShopper, DSL.inline(1))),
                        DSL.count(DSL.when(MESSAGES.ROLE.eq(Message.Role.ASSISTANT.column()), DSL.inline(1))),
                        DSL.countDistinct(DSL.when(fromShopper, MESSAGES.CONVERSATION_ID)))
                .from(MESSAGES).where(w.contains(MESSAGES.TIMESTAMP)).fetchSingle();
        return new MessageCounts(r.value1(), r.value2(), r.value3());
    }

    record MessageCounts(long fromShoppers, long fromBot, long shopperConversations) {
    }

    /**
     * The reminders of a kind decided in the window: sent, skipped for each reason, and of those sent,
     * how many were followed before the window's end by what they reminded of: for an unpaid order a
     * payment confirmed in its conversation, for an abandoned cart an order made in it.
     */
    ReminderCounts reminders(Window w, ReminderKind kind) {
        Condition sent = REMINDERS.OUTCOME.eq(ReminderOutcome.SENT.outcomeColumn());
        Condition followed = kind == ReminderKind.UNPAID_ORDER
                ? DSL.exists(DSL.selectOne().from(T).where(T.CONVERSATION_ID.eq(REMINDERS.CONVERSATION_ID),
                        applied(T), T.EVENT.eq(Event.PAYMENT_CONFIRMED.wireName()), T.AT.gt(REMINDERS.DECIDED_AT), T.AT.lt(w.to())))
                : DSL.exists(DSL.selectOne().from(ORDERS).where(ORDERS.CONVERSATION_ID.eq(REMINDERS.CONVERSATION_ID),
                        ORDERS.CREATED_AT.gt(REMINDERS.DECIDED_AT), ORDERS.CREATED_AT.lt(w.to())));
        Record4<Integer, Integer, Integer, Integer> r = db.select(
                        DSL.count(DSL.when(sent, DSL.inline(1))),
                        DSL.count(DSL.when(REMINDERS.REASON.eq(ReminderOutcome.OUTSIDE_WINDOW.reasonColumn()), DSL.inline(1))),
                        DSL.count(DSL.when(REMINDERS.REASON.eq(ReminderOutcome.OPTED_OUT.reasonColumn()), DSL.inline(1))),
                        DSL.count(DSL.when(sent.and(followed), DSL.inline(1))))
                .from(REMINDERS).where(REMINDERS.KIND.eq(kind.column()), w.contains(REMINDERS.DECIDED_AT)).fetchSingle();
        return new ReminderCounts(r.value1(), r.value2(), r.value3(), r.value4());
    }

    record ReminderCounts(long sent, long outsideWindow, long optedOut, long followed) {
    }

    /**
     * Per state, the conversations that entered it in the window (an applied step into it from
     * another state; for BROWSING also being created), and how many of those left it afterwards in
     * the window (an applied step out of it, later than their first entry in the window).
     */
    Map<State, Flow> flows(Window w) {
        Table<?> entries = firstEntries(w);
        Field<String> conversation = entries.field("conversation_id", String.class);
        Field<String> state = entries.field("state", String.class);
        Field<Integer> seq = entries.field("seq", Integer.class);
        ConversationTransitions leaving = T.as("leaving");
        Condition leftLater = DSL.exists(DSL.selectOne().from(leaving).where(
                leaving.CONVERSATION_ID.eq(conversation), leaving.FROM_STATE.eq(state), leaving.TO_STATE.ne(state),
                applied(leaving), w.contains(leaving.AT), leaving.SEQ.gt(seq)));
        Map<State, Flow> flows = new EnumMap<>(State.class);
        for (State s : State.values()) {
            flows.put(s, new Flow(0, 0));
        }
        db.select(state, DSL.count(), DSL.sum(DSL.when(leftLater, DSL.inline(1)).otherwise(DSL.inline(0))))
                .from(entries).groupBy(state)
                .forEach(r -> flows.put(State.valueOf(r.value1()), new Flow(r.value2(), asLong(r.value3()))));
        return flows;
    }

    record Flow(long entered, long movedOn) {
    }

    /** Each conversation's first entry into each state in the window; creation is step 0, into BROWSING. */
    private static Table<?> firstEntries(Window w) {
        Table<?> all = DSL.select(T.CONVERSATION_ID.as("conversation_id"), T.TO_STATE.as("state"), T.SEQ.as("seq"))
                .from(T).where(applied(T), T.FROM_STATE.ne(T.TO_STATE), w.contains(T.AT))
                .unionAll(DSL.select(CONVERSATIONS.ID, DSL.inline(State.INITIAL.name()), DSL.inline(0))
                        .from(CONVERSATIONS).where(w.contains(CONVERSATIONS.CREATED_AT)))
                .asTable("entry_steps");
        Field<String> conversation = all.field("conversation_id", String.class);
        Field<String> state = all.field("state", String.class);
        Field<Integer> seq = all.field("seq", Integer.class);
        return DSL.select(conversation, state, DSL.min(seq).as("seq")).from(all).groupBy(conversation, state)
                .asTable("entries");
    }

    private static long asLong(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }
}
