package com.shopkeeper.insight;

import static com.shopkeeper.db.Tables.CONVERSATIONS;
import static com.shopkeeper.db.Tables.CONVERSATION_TRANSITIONS;
import static com.shopkeeper.db.Tables.MESSAGES;
import static com.shopkeeper.db.Tables.ORDERS;
import static com.shopkeeper.db.Tables.SEARCHES;

import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.Transition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/**
 * The trend's series, one grouped query each: how many of a thing happened in each bucket of a
 * window. A bucket is numbered from the window's first bucket start (0, 1, 2...), computed from
 * the row's epoch second, which both engines can do (SQLite has no date_trunc).
 */
@Repository
class TrendQueries {

    private final DSLContext db;

    TrendQueries(DSLContext db) {
        this.db = db;
    }

    Map<Long, Long> conversationsStarted(Window w, Bucket b) {
        return perBucket(CONVERSATIONS, CONVERSATIONS.CREATED_AT, DSL.noCondition(), w, b);
    }

    Map<Long, Long> ordersCreated(Window w, Bucket b) {
        return perBucket(ORDERS, ORDERS.CREATED_AT, DSL.noCondition(), w, b);
    }

    /** Orders paid: their payment_confirmed steps (see {@link FunnelQueries}). */
    Map<Long, Long> ordersPaid(Window w, Bucket b) {
        return perBucket(CONVERSATION_TRANSITIONS, CONVERSATION_TRANSITIONS.AT,
                CONVERSATION_TRANSITIONS.OUTCOME.eq(Transition.Outcome.APPLIED.name())
                        .and(CONVERSATION_TRANSITIONS.EVENT.eq(Event.PAYMENT_CONFIRMED.wireName())), w, b);
    }

    Map<Long, Long> shopperMessages(Window w, Bucket b) {
        return perBucket(MESSAGES, MESSAGES.TIMESTAMP, MESSAGES.ROLE.eq(Message.Role.USER.column()), w, b);
    }

    Map<Long, Long> searches(Window w, Bucket b) {
        return perBucket(SEARCHES, SEARCHES.AT, DSL.noCondition(), w, b);
    }

    private Map<Long, Long> perBucket(Table<?> table, Field<Instant> at, Condition where, Window w, Bucket b) {
        Field<Long> bucket = bucketNumber(at, b.startOf(w.from()), b);
        Map<Long, Long> counts = new HashMap<>();
        db.select(bucket, DSL.count()).from(table).where(w.contains(at).and(where)).groupBy(bucket)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /**
     * floor((epoch second of at - epoch second of the first bucket start) / bucket seconds). Inlined
     * constants, so that the grouped expression is textually the selected one (PostgreSQL checks).
     * Every row is at or after the first bucket's start, so SQLite's integer division floors too.
     */
    private static Field<Long> bucketNumber(Field<Instant> at, Instant firstStart, Bucket b) {
        Field<Integer> epochSecond = DSL.extract(at, DatePart.EPOCH);
        return DSL.floor(epochSecond.minus(DSL.inline(firstStart.getEpochSecond()))
                        .div(DSL.inline(b.length().toSeconds())))
                .cast(SQLDataType.BIGINT);
    }
}
