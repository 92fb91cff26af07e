package com.shopkeeper.payment;

import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.order.OrderStatusChanged;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An order that stops awaiting payment (paid, superseded, cancelled, expired) leaves no live link
 * behind: its other pending payments are cancelled in the same transaction, and after commit
 * the provider is asked to close them, so that nobody pays for an order that is gone.
 */
@Component
class PaymentVoider {

    private static final Logger log = LoggerFactory.getLogger(PaymentVoider.class);

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final ApplicationEventPublisher events;

    PaymentVoider(PaymentRepository payments, PaymentProvider provider, ApplicationEventPublisher events) {
        this.payments = payments;
        this.provider = provider;
        this.events = events;
    }

    record Voided(List<Payment> payments) {
    }

    @EventListener
    void on(OrderStatusChanged change) {
        if (change.from() != OrderStatus.PENDING_PAYMENT) {
            return;
        }
        List<Payment> voided = payments.forOrder(change.order().id()).stream()
                .filter(p -> p.status() == PaymentStatus.PENDING)
                .filter(p -> payments.changeStatus(p.id(), PaymentStatus.PENDING, PaymentStatus.CANCELLED))
                .toList();
        if (!voided.isEmpty()) {
            events.publishEvent(new Voided(voided));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void closeAtProvider(Voided voided) {
        for (Payment p : voided.payments()) {
            if (!p.provider().equals(provider.name()) || p.paymentId() == null) {
                continue;   // another provider's, or an attempt the provider never answered
            }
            try {
                provider.cancel(p.paymentId());
            } catch (PaymentProviderException e) {
                // Cancelled here already; if the shopper still pays, the webhook logs a refund case.
                log.warn("order={} payment={} could not be closed at {}: {}", p.orderId(), p.id(), p.provider(),
                        e.getMessage());
            }
        }
    }
}
