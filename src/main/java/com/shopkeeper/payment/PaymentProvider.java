package com.shopkeeper.payment;

import com.shopkeeper.order.Order;
import java.util.function.Function;

/**
 * A way for shoppers to pay (the specification's PaymentProvider). One is active, chosen by
 * {@code shopkeeper.payment.provider}; each lives in its own subpackage.
 */
public interface PaymentProvider {

    /** The provider's name: the value of {@code shopkeeper.payment.provider}, stored with each payment. */
    String name();

    /**
     * generate_payment_link: a link where the shopper pays this order's total. Asked again with the
     * same attempt (the first answer was lost), a provider that can answers with the same link.
     *
     * @param attempt the attempt's key (send it as the idempotency key where the provider takes one)
     *                and the moment the link's lifetime counts from
     * @throws PaymentProviderException when the provider cannot be reached or refuses
     */
    PaymentLink generatePaymentLink(Order order, LinkAttempt attempt);

    /**
     * check_payment_status: what the provider says about a payment now ({@link PaymentStatus#PENDING}
     * while the shopper has not finished).
     *
     * @param paymentId the provider's id, as returned in {@link PaymentLink#paymentId()}
     * @throws PaymentProviderException when the provider cannot be reached or does not know the payment
     */
    PaymentStatus checkPaymentStatus(String paymentId);

    /**
     * Verifies a webhook's signature, then reads it. Nothing of the payload may be trusted before
     * the signature is checked.
     *
     * @param headers the request's headers by (case-insensitive) name
     * @throws InvalidWebhookException when the signature is missing, wrong or stale, or the provider has no webhooks
     */
    default PaymentEvent readWebhook(String payload, Function<String, String> headers) {
        throw new InvalidWebhookException("The " + name() + " payment provider takes no webhooks.");
    }

    /** Makes a link unusable (best effort: the order it was for is no longer payable). */
    default void cancel(String paymentId) {
    }
}
