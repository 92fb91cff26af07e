package com.shopkeeper.payment;

import com.shopkeeper.order.OrderPayments;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The order side's view of payments. The reference is our own id of the attempt: the provider's
 * id is not shown, because for the sandbox it is the pay page's token (whoever holds it can pay
 * the order), and a Stripe session is found in Stripe's dashboard by the order id in its metadata.
 */
@Component
class PaymentAttempts implements OrderPayments {

    private final PaymentRepository payments;

    PaymentAttempts(PaymentRepository payments) {
        this.payments = payments;
    }

    @Override
    public List<Attempt> attempts(String orderId) {
        return payments.forOrder(orderId).stream()
                .map(p -> new Attempt(p.provider(), p.status().name(), p.id(), p.expiresAt(), p.createdAt(), p.updatedAt()))
                .toList();
    }
}
