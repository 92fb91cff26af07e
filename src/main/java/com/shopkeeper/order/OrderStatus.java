package com.shopkeeper.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's life: PENDING_PAYMENT, then PAID, FULFILLED, SHIPPED, DELIVERED; or it ends early
 * (CANCELLED, PAYMENT_FAILED, EXPIRED). The allowed moves are here, in one place.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, FULFILLED, SHIPPED, DELIVERED, CANCELLED, PAYMENT_FAILED, EXPIRED;

    /** Where an order may go from this status; terminal statuses go nowhere. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED, PAYMENT_FAILED, EXPIRED);
            // A paid order can still be cancelled (and refunded by the shop) until it leaves the building.
            case PAID -> EnumSet.of(FULFILLED, CANCELLED);
            case FULFILLED -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case DELIVERED, CANCELLED, PAYMENT_FAILED, EXPIRED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }
}
