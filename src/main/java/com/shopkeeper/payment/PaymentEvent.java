package com.shopkeeper.payment;

/** A verified webhook event, as a provider reads it. */
public sealed interface PaymentEvent {

    /** The provider's id for the event: the same event delivered twice has the same id. */
    String eventId();

    String type();

    /** The provider reports a payment's new status. */
    record StatusReported(String eventId, String type, String paymentId, PaymentStatus status, String orderId)
            implements PaymentEvent {
    }

    /** An event of no interest here (acknowledged all the same, so the provider stops sending it). */
    record Ignored(String eventId, String type) implements PaymentEvent {
    }
}
