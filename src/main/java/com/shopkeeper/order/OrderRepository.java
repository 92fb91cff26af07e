package com.shopkeeper.order;

import static com.shopkeeper.db.Tables.ORDERS;
import static com.shopkeeper.db.Tables.ORDER_ITEMS;

import com.shopkeeper.config.Ids;
import com.shopkeeper.config.RenderedOnce;
import com.shopkeeper.db.tables.records.OrdersRecord;
import com.shopkeeper.money.Money;
import com.shopkeeper.web.PageOf;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Orders with their lines (one aggregate). */
@Repository
public class OrderRepository {

    private final DSLContext db;
    private final Clock clock;

    /** Every turn asks whether the conversation has orders, and one pending: rendered once ({@link RenderedOnce}). */
    private final RenderedOnce anyOrder;
    private final RenderedOnce pendingOrder;

    OrderRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
        var conversation = ORDERS.CONVERSATION_ID.eq(DSL.param("conversation", ORDERS.CONVERSATION_ID));
        this.anyOrder = RenderedOnce.of(db, DSL.select(DSL.field(DSL.exists(DSL.selectOne().from(ORDERS).where(conversation)))));
        this.pendingOrder = RenderedOnce.of(db, DSL.select(DSL.field(DSL.exists(DSL.selectOne().from(ORDERS)
                .where(conversation, ORDERS.STATUS.eq(DSL.param("status", ORDERS.STATUS)))))));
    }

    /** Stores a new order and its lines; the total is the caller's, computed from the lines. */
    public Order insert(String userId, String conversationId, List<OrderItem> items, Money total, OrderStatus status) {
        Instant now = clock.instant();
        String id = Ids.next();
        db.insertInto(ORDERS)
                .set(ORDERS.ID, id).set(ORDERS.USER_ID, userId).set(ORDERS.CONVERSATION_ID, conversationId)
                .set(ORDERS.TOTAL_MINOR, total.minorUnits()).set(ORDERS.CURRENCY, total.currencyCode())
                .set(ORDERS.STATUS, status.name()).set(ORDERS.CREATED_AT, now).set(ORDERS.UPDATED_AT, now)
                .execute();
        // The lines in one statement (an order has a handful; a JDBC batch costs more than it saves).
        var lines = db.insertInto(ORDER_ITEMS, ORDER_ITEMS.ID, ORDER_ITEMS.ORDER_ID, ORDER_ITEMS.PRODUCT_ID,
                ORDER_ITEMS.PRODUCT_NAME, ORDER_ITEMS.QUANTITY, ORDER_ITEMS.UNIT_PRICE_MINOR);
        for (OrderItem item : items) {
            lines = lines.values(Ids.next(), id, item.productId(), item.productName(), item.quantity(), item.unitPrice().minorUnits());
        }
        if (!items.isEmpty()) {
            lines.execute();
        }
        return new Order(id, userId, conversationId, items, total, status, now, now);
    }

    public Optional<Order> find(String id) {
        return db.selectFrom(ORDERS).where(ORDERS.ID.eq(id)).fetchOptional().map(r -> withItems(List.of(r)).getFirst());
    }

    public Optional<Order> findPendingForConversation(String conversationId) {
        return db.selectFrom(ORDERS)
                .where(ORDERS.CONVERSATION_ID.eq(conversationId), ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()))
                .fetchOptional().map(r -> withItems(List.of(r)).getFirst());
    }

    /** Whether the conversation has an order waiting for payment (one cheap read, for a guard). */
    public boolean pendingExists(String conversationId) {
        return pendingOrder.value(db, Boolean.class, DSL.val(conversationId, ORDERS.CONVERSATION_ID),
                DSL.val(OrderStatus.PENDING_PAYMENT.name(), ORDERS.STATUS));
    }

    /** Whether this order still waits for payment. */
    public boolean isPending(String orderId) {
        return db.fetchExists(ORDERS, ORDERS.ID.eq(orderId), ORDERS.STATUS.eq(OrderStatus.PENDING_PAYMENT.name()));
    }

    /** The shopper's latest orders, newest first. */
    public List<Order> latestForUser(String userId, int limit) {
        return withItems(db.selectFrom(ORDERS).where(ORDERS.USER_ID.eq(userId))
                .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc()).limit(limit).fetch());
    }

    /** Whether the conversation has any order at all. */
    public boolean existsForConversation(String conversationId) {
        return anyOrder.value(db, Boolean.class, DSL.val(conversationId, ORDERS.CONVERSATION_ID));
    }

    public List<Order> forConversation(String conversationId) {
        return withItems(db.selectFrom(ORDERS).where(ORDERS.CONVERSATION_ID.eq(conversationId))
                .orderBy(ORDERS.CREATED_AT, ORDERS.ID).fetch());
    }

    /** Orders of these conversations in these statuses, newest first, with their lines: two queries in all. */
    public List<Order> forConversations(Collection<String> conversationIds, Set<OrderStatus> statuses) {
        if (conversationIds.isEmpty()) {
            return List.of();
        }
        return withItems(db.selectFrom(ORDERS)
                .where(ORDERS.CONVERSATION_ID.in(conversationIds), ORDERS.STATUS.in(statuses.stream().map(Enum::name).toList()))
                .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc()).fetch());
    }

    /** Orders by status and creation time ([from, to)), newest first. */
    public PageOf<Order> list(OrderStatus status, Instant from, Instant to, PageOf.Request page) {
        Condition where = DSL.noCondition();
        if (status != null) {
            where = where.and(ORDERS.STATUS.eq(status.name()));
        }
        if (from != null) {
            where = where.and(ORDERS.CREATED_AT.ge(from));
        }
        if (to != null) {
            where = where.and(ORDERS.CREATED_AT.lt(to));
        }
        long total = db.fetchCount(ORDERS, where);
        List<Order> items = withItems(db.selectFrom(ORDERS).where(where)
                .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ID.desc())
                .limit(page.size()).offset(page.offset()).fetch());
        return new PageOf<>(items, total, page.page(), page.size());
    }

    /** Moves an order from {@code expected} to {@code next}; false when it was no longer in {@code expected}. */
    public boolean changeStatus(String id, OrderStatus expected, OrderStatus next) {
        return db.update(ORDERS)
                .set(ORDERS.STATUS, next.name())
                .set(ORDERS.UPDATED_AT, clock.instant())
                .where(ORDERS.ID.eq(id), ORDERS.STATUS.eq(expected.name()))
                .execute() == 1;
    }

    private List<Order> withItems(List<OrdersRecord> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderItem>> lines = new HashMap<>();
        Map<String, String> currency = new HashMap<>();
        orders.forEach(o -> currency.put(o.getId(), o.getCurrency()));
        db.selectFrom(ORDER_ITEMS)
                .where(ORDER_ITEMS.ORDER_ID.in(currency.keySet()))
                .orderBy(ORDER_ITEMS.ORDER_ID, ORDER_ITEMS.ID)
                .forEach(l -> lines.computeIfAbsent(l.getOrderId(), k -> new ArrayList<>()).add(new OrderItem(
                        l.getProductId(), l.getProductName(), l.getQuantity(),
                        Money.ofMinor(l.getUnitPriceMinor(), currency.get(l.getOrderId())))));
        return orders.stream().map(o -> new Order(o.getId(), o.getUserId(), o.getConversationId(),
                lines.getOrDefault(o.getId(), List.of()), Money.ofMinor(o.getTotalMinor(), o.getCurrency()),
                OrderStatus.valueOf(o.getStatus()), o.getCreatedAt(), o.getUpdatedAt())).toList();
    }
}
