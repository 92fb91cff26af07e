package com.shopkeeper.order;

import com.shopkeeper.money.Money;
import java.time.Instant;

/** One line of check_order_status: what the shopper needs to know about an order. */
public record OrderSummary(String orderId, String reference, OrderStatus status, Money total, int itemCount,
                           Instant createdAt) {

    static OrderSummary of(Order order) {
        int count = order.items().stream().mapToInt(OrderItem::quantity).sum();
        return new OrderSummary(order.id(), order.reference(), order.status(), order.total(), count, order.createdAt());
    }
}
