package com.shopkeeper.order;

/** An order's life: PENDING_PAYMENT, then PAID, FULFILLED, SHIPPED, DELIVERED; or it ends early. */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, FULFILLED, SHIPPED, DELIVERED, CANCELLED, PAYMENT_FAILED, EXPIRED
}
