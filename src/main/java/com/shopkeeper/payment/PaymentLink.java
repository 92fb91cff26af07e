package com.shopkeeper.payment;

import java.time.Instant;

/**
 * A provider's answer to generate_payment_link.
 *
 * @param paymentId the provider's id for this payment (webhooks and status checks name it)
 * @param url       where the shopper pays
 * @param expiresAt when the link stops working
 */
public record PaymentLink(String paymentId, String url, Instant expiresAt) {
}
