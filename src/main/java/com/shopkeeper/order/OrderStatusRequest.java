package com.shopkeeper.order;

import jakarta.validation.constraints.NotBlank;

/** PATCH body: {@code {"status": "SHIPPED"}}. */
record OrderStatusRequest(@NotBlank String status) {

    OrderStatus target() {
        try {
            return OrderStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + java.util.Arrays.toString(OrderStatus.values()));
        }
    }
}
