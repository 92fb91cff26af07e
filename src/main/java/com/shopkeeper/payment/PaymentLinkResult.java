package com.shopkeeper.payment;

import com.shopkeeper.money.Money;
import java.time.Instant;

/** What {@link PaymentService#paymentLink} answers: a link to send the shopper, or why there is none. */
public sealed interface PaymentLinkResult {

    record Link(String orderId, String url, Money total, Instant expiresAt) implements PaymentLinkResult {
    }

    record Refused(Reason reason, String message) implements PaymentLinkResult {
    }

    enum Reason {
        /** Paid, cancelled, expired... only an order awaiting payment gets a link. */
        ORDER_NOT_PENDING,
        /** The provider could not be reached, or refused to make the link (the log says why). */
        PROVIDER_ERROR
    }
}
