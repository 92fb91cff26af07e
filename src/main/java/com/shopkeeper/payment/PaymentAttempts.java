package com.shopkeeper.payment;

import com.shopkeeper.order.OrderPayments;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The order side's view of payments, which hands out nothing that pays an order. The reference is our own id of the attempt: the provider's
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

    @Override
    public UnaryOperator<String> linkHider(List<String> orderIds) {
        List<String> links = orderIds.stream().flatMap(id -> payments.forOrder(id).stream())
                .map(Payment::paymentLink).filter(link -> link != null && !link.isBlank()).distinct().toList();
        return text -> {
            if (text == null) {
                return null;
            }
            String hidden = text;
            for (String link : links) {
                hidden = hidden.replace(link, HIDDEN_LINK);
            }
            return hidden;
        };
    }
}
