package com.shopkeeper.payment;

import java.time.Instant;

/** A payment attempt for an order at one provider; {@code paymentId} is the provider's id for it. */
public record Payment(String id, String orderId, String provider, String paymentId, String paymentLink,
                      PaymentStatus status, Instant expiresAt, Instant createdAt, Instant updatedAt) {
}
