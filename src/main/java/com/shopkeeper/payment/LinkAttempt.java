package com.shopkeeper.payment;

import java.time.Instant;

/**
 * What makes a payment-link request the same request when it is made again: the attempt recorded
 * before the provider was called. A worker that dies between the provider's answer and storing it
 * asks again with the same attempt, and a provider that takes idempotent requests (Stripe) answers
 * with the link it already made instead of a second one.
 *
 * @param key         our id for the attempt (the payment row it fills in); an idempotency key
 * @param requestedAt when the attempt began: the link's lifetime counts from here, so that the
 *                    repeated request carries the same parameters as the first
 */
public record LinkAttempt(String key, Instant requestedAt) {
}
