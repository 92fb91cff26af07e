package com.shopkeeper.reminder;

import static com.shopkeeper.db.Tables.CART_ITEMS;
import static com.shopkeeper.db.Tables.CONVERSATIONS;
import static com.shopkeeper.db.Tables.MESSAGES;
import static com.shopkeeper.db.Tables.ORDERS;
import static com.shopkeeper.db.Tables.PAYMENTS;
import static com.shopkeeper.db.Tables.REMINDERS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.db.tables.Payments;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * {@code reminders}: what is due a reminder, and the reminders decided, each claimed by its insert
 * (see V55). Public for the tests that write a day of reminders at instants they choose.
 */
@Repository
public class ReminderRepository {

    private final DSLContext db;

    ReminderRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * An unpaid order's latest payment link, which expires at {@code expiresAt}.
     *
     * @param linkMadeAt when the payment attempt behind the link began
     */
    record UnpaidOrder(String orderId, String conversationId, String paymentId, Instant linkMadeAt, Instant expiresAt) {

        /**
         * When it is reminded of: {@code before} its expiry, but never in the first half of the link's
         * life, so that a link shorter-lived than twice {@code before} (the sandbox's 30 minutes) is not
         * reminded of the moment it was sent.
         */
        Instant dueAt(Duration before) {
            Instant halfway = linkMadeAt.plus(Duration.between(linkMadeAt, expiresAt).dividedBy(2));
            Instant ahead = expiresAt.minus(before);
            return ahead.isAfter(halfway) ? ahead : halfway;
        }
    }

    /**
     * Orders waiting for payment whose latest live link expires within {@code before} of {@code now}
     * and that were never reminded of, soonest to expire first.
     */
    List<UnpaidOrder> unpaidOrdersExpiringWithin(Instant now, Duration before, int limit) {
        Payments p = PAYMENTS;
        Payments later = PAYMENTS.as("later");
        Condition live = p.STATUS.eq(PaymentStatus.PENDING.name()).and(p.PAYMENT_LINK.isNotNull());
        return db.select(ORDERS.ID, ORDERS.CONVERSATION_ID, p.ID, p.CREATED_AT, p.EXPIRES_AT)
                .from(ORDERS).join(p).on(p.ORDER_ID.eq(ORDERS.ID))
                .where(ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()), ORDERS.CONVERSATION_ID.isNotNull(),
                        live, p.EXPIRES_AT.gt(now), p.EXPIRES_AT.le(now.plus(before)),
                        // The order's latest link: one made after it is what the shopper was last sent.
                        DSL.notExists(DSL.selectOne().from(later).where(later.ORDER_ID.eq(ORDERS.ID),
                                later.STATUS.eq(PaymentStatus.PENDING.name()), later.PAYMENT_LINK.isNotNull(),
                                later.EXPIRES_AT.gt(p.EXPIRES_AT))),
                        DSL.notExists(DSL.selectOne().from(REMINDERS).where(REMINDERS.ORDER_ID.eq(ORDERS.ID))))
                .orderBy(p.EXPIRES_AT, ORDERS.ID)
                .limit(limit)
                .fetch(r -> new UnpaidOrder(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /**
     * A conversation's cart: it began at {@link #since()}, the later of its oldest line and the
     * conversation's last order (a cart is new again once ordered), and its shopper last wrote at
     * {@code lastFromShopper}.
     */
    record AbandonedCart(String conversationId, Instant firstAdded, Instant lastOrder, Instant lastFromShopper) {

        Instant since() {
            return lastOrder != null && lastOrder.isAfter(firstAdded) ? lastOrder : firstAdded;
        }
    }

    /**
     * Carts whose shopper last wrote between {@code windowStart} and {@code quietSince}, with no order
     * made since the cart last grew and none waiting for payment (that one is reminded of as an
     * unpaid order), and not reminded of since the cart began; longest quiet first. A cart quiet since
     * before the window is past reminding: it is not even looked at.
     */
    List<AbandonedCart> abandonedCarts(Instant quietSince, Instant windowStart, int limit) {
        Field<String> id = CONVERSATIONS.ID.as("conversation_id");
        Field<Instant> firstAdded = DSL.min(CART_ITEMS.ADDED_AT).as("first_added");
        Field<Instant> lastAdded = DSL.max(CART_ITEMS.ADDED_AT).as("last_added");
        Field<Instant> lastFromShopper = DSL.field(DSL.select(DSL.max(MESSAGES.TIMESTAMP)).from(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(CONVERSATIONS.ID), MESSAGES.ROLE.eq(Message.Role.USER.column())))
                .as("last_from_shopper");
        Field<Instant> lastOrder = DSL.field(DSL.select(DSL.max(ORDERS.CREATED_AT)).from(ORDERS)
                .where(ORDERS.CONVERSATION_ID.eq(CONVERSATIONS.ID))).as("last_order");
        // Every shopper message touches its conversation: one quiet since before the window was not
        // touched in it, which the index on updated_at finds without reading the others' messages.
        Table<?> carts = DSL.select(id, firstAdded, lastAdded, lastFromShopper, lastOrder)
                .from(CONVERSATIONS).join(CART_ITEMS).on(CART_ITEMS.CONVERSATION_ID.eq(CONVERSATIONS.ID))
                .where(CONVERSATIONS.UPDATED_AT.gt(windowStart))
                .groupBy(CONVERSATIONS.ID)
                .asTable("carts");
        Field<String> cart = carts.field(id);
        Field<Instant> cartFirstAdded = carts.field(firstAdded);
        Field<Instant> cartLastAdded = carts.field(lastAdded);
        Field<Instant> cartLastFromShopper = carts.field(lastFromShopper);
        Field<Instant> cartLastOrder = carts.field(lastOrder);
        return db.select(cart, cartFirstAdded, cartLastOrder, cartLastFromShopper)
                .from(carts)
                .where(cartLastFromShopper.gt(windowStart), cartLastFromShopper.le(quietSince),
                        cartLastOrder.isNull().or(cartLastOrder.lt(cartLastAdded)),
                        DSL.notExists(DSL.selectOne().from(ORDERS).where(ORDERS.CONVERSATION_ID.eq(cart),
                                ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()))),
                        DSL.notExists(DSL.selectOne().from(REMINDERS).where(REMINDERS.CONVERSATION_ID.eq(cart),
                                REMINDERS.KIND.eq(ReminderKind.ABANDONED_CART.column()),
                                REMINDERS.DECIDED_AT.ge(cartFirstAdded),
                                cartLastOrder.isNull().or(REMINDERS.DECIDED_AT.ge(cartLastOrder)))))
                .orderBy(cartLastFromShopper, cart)
                .limit(limit)
                .fetch(r -> new AbandonedCart(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Claims a reminder by recording how it was decided: false when another instance recorded one for
     * the same order (or cart) first, and then the caller does nothing. In the caller's transaction,
     * with the notice it sends, if any.
     *
     * @param orderId   the unpaid order, or null for a cart
     * @param cartSince when the cart began, or null for an order
     * @return the new reminder's id, or null when it was claimed already
     */
    public String claim(ReminderKind kind, String conversationId, String orderId, Instant cartSince,
                        ReminderOutcome outcome, Instant at) {
        String id = Ids.next();
        boolean claimed = db.insertInto(REMINDERS)
                .set(REMINDERS.ID, id)
                .set(REMINDERS.KIND, kind.column())
                .set(REMINDERS.CONVERSATION_ID, conversationId)
                .set(REMINDERS.ORDER_ID, orderId)
                .set(REMINDERS.CART_SINCE, cartSince)
                .set(REMINDERS.OUTCOME, outcome.outcomeColumn())
                .set(REMINDERS.REASON, outcome.reasonColumn())
                .set(REMINDERS.DECIDED_AT, at)
                // Not catching the violation: on PostgreSQL a failed statement aborts the whole transaction.
                .onConflictDoNothing()
                .execute() == 1;
        return claimed ? id : null;
    }

    /** The notice (outbound_messages.id) a sent reminder went as. */
    void sentAs(String reminderId, String outboundMessageId) {
        db.update(REMINDERS).set(REMINDERS.OUTBOUND_MESSAGE_ID, outboundMessageId)
                .where(REMINDERS.ID.eq(reminderId)).execute();
    }

    /** A reminder as it was recorded. */
    record Entry(String id, ReminderKind kind, String conversationId, String orderId, Instant cartSince, String outcome,
                 String reason, String outboundMessageId, Instant decidedAt) {
    }

    /** The conversation's reminders, oldest first. */
    List<Entry> of(String conversationId) {
        return db.selectFrom(REMINDERS).where(REMINDERS.CONVERSATION_ID.eq(conversationId))
                .orderBy(REMINDERS.DECIDED_AT, REMINDERS.ID)
                .fetch(r -> new Entry(r.getId(), ReminderKind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                        r.getConversationId(), r.getOrderId(), r.getCartSince(), r.getOutcome(), r.getReason(),
                        r.getOutboundMessageId(), r.getDecidedAt()));
    }
}
