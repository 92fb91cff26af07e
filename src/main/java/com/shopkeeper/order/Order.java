package com.shopkeeper.order;

import com.shopkeeper.money.Money;
import java.time.Instant;
import java.util.List;

public record Order(String id, String userId, String conversationId, List<OrderItem> items, Money total,
                    OrderStatus status, Instant createdAt, Instant updatedAt) {

    public Order {
        items = List.copyOf(items);
    }
}
