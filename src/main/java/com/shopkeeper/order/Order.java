package com.shopkeeper.order;

import com.shopkeeper.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

public record Order(String id, String userId, String conversationId, List<OrderItem> items, Money total,
                    OrderStatus status, Instant createdAt, Instant updatedAt) {

    public Order {
        items = List.copyOf(items);
    }

    /**
     * A short name for the order in messages to the shopper. The tail of the id: a UUIDv7 starts
     * with the time, so its head is the same for orders made close together.
     */
    public String reference() {
        String compact = id.replace("-", "");
        return compact.substring(Math.max(0, compact.length() - 8)).toUpperCase(Locale.ROOT);
    }

    public Order withStatus(OrderStatus next, Instant at) {
        return new Order(id, userId, conversationId, items, total, next, createdAt, at);
    }
}
