package com.shopkeeper.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An order as the admin API answers it (snake_case on the wire): amounts are exact decimal
 * strings in the order's currency. {@code payment_info} is the latest payment attempt, given
 * for a single order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderView(String id, String status, String totalAmount, String currency, List<Item> items,
                 PaymentInfo paymentInfo, List<String> nextStatuses, String userId, String conversationId,
                 String reference, Instant createdAt, Instant updatedAt) {

    record Item(String productId, String productName, int quantity, String unitPrice, String lineTotal) {
    }

    /** {@code reference}: see {@link OrderPayments.Attempt}; nothing here pays the order. */
    record PaymentInfo(String provider, String status, String reference, Instant expiresAt, Instant createdAt,
                       Instant updatedAt, int attempts) {
    }

    static OrderView of(Order o, List<OrderPayments.Attempt> payments) {
        List<Item> items = o.items().stream().map(i -> new Item(i.productId(), i.productName(), i.quantity(),
                i.unitPrice().amount().toPlainString(), i.lineTotal().amount().toPlainString())).toList();
        PaymentInfo payment = payments == null || payments.isEmpty() ? null : info(payments.getLast(), payments.size());
        return new OrderView(o.id(), o.status().name(), o.total().amount().toPlainString(), o.total().currencyCode(),
                items, payment, o.status().next().stream().map(Enum::name).toList(), o.userId(), o.conversationId(),
                o.reference(), o.createdAt(), o.updatedAt());
    }

    private static PaymentInfo info(OrderPayments.Attempt p, int attempts) {
        return new PaymentInfo(p.provider(), p.status(), p.reference(), p.expiresAt(), p.createdAt(),
                p.updatedAt(), attempts);
    }
}
