package com.shopkeeper.payment;

import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.order.OrderStatusChanged.Cause;
import com.shopkeeper.web.NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments of orders through the active {@link PaymentProvider}: links, and applying what the
 * provider reports (webhooks, polling, the sandbox page) exactly once.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    /** A link about to expire is not worth sending: make a fresh one. */
    private static final Duration MIN_REMAINING = Duration.ofMinutes(2);
    /**
     * How long an attempt whose answer was lost is asked again as the same request. Short: the
     * request repeats its first parameters (the link's expiry among them), which must still be
     * acceptable to the provider (Stripe: at least 30 minutes ahead).
     */
    private static final Duration ATTEMPT_REUSE = Duration.ofMinutes(10);

    private final PaymentProvider provider;
    private final PaymentRepository payments;
    private final OrderService orders;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;

    PaymentService(PaymentProvider provider, PaymentRepository payments, OrderService orders, Clock clock,
                   PlatformTransactionManager transactions, MeterRegistry meters) {
        this.provider = provider;
        this.payments = payments;
        this.orders = orders;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.meters = meters;
    }

    public String providerName() {
        return provider.name();
    }

    /**
     * get_payment_link: the link where the shopper pays this order, the one already made when it
     * is still good for a while, else a new one from the provider.
     *
     * @throws NotFoundException when there is no such order
     */
    public PaymentLinkResult paymentLink(String orderId) {
        return paymentLink(orders.get(orderId));
    }

    /** The same, for an order the caller has just read (the conversation engine has). */
    public PaymentLinkResult paymentLink(Order order) {
        String orderId = order.id();
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return new PaymentLinkResult.Refused(PaymentLinkResult.Reason.ORDER_NOT_PENDING,
                    "Order " + order.reference() + " is " + order.status() + ": there is nothing to pay.");
        }
        Instant now = clock.instant();
        Instant goodUntil = now.plus(MIN_REMAINING);
        Optional<Payment> current = payments.forOrder(orderId).stream()
                .filter(p -> p.provider().equals(provider.name()) && p.status() == PaymentStatus.PENDING)
                .filter(p -> p.paymentLink() != null)
                .filter(p -> p.expiresAt() == null || p.expiresAt().isAfter(goodUntil))
                .reduce((first, second) -> second);
        if (current.isPresent()) {
            return new PaymentLinkResult.Link(orderId, current.get().paymentLink(), order.total(), current.get().expiresAt());
        }
        // The attempt is recorded before the provider is called, so that one whose answer was lost
        // (the worker died in between) is asked again as the same request, and the provider answers
        // with the link it made rather than a second one.
        Payment attempt = tx.execute(status -> payments.openAttempt(orderId, provider.name(), now.minus(ATTEMPT_REUSE)));
        // The provider is called outside any transaction: a slow network must not hold the database.
        PaymentLink link;
        try {
            link = provider.generatePaymentLink(order, new LinkAttempt(attempt.id(), attempt.createdAt()));
        } catch (PaymentProviderException e) {
            // Refused, or unreachable past the SDK's own retries (which repeat the same key): the
            // attempt is over, and the next request starts a new one.
            log.warn("order={} no payment link from {}: {}", orderId, provider.name(), e.getMessage());
            payments.changeStatus(attempt.id(), PaymentStatus.PENDING, PaymentStatus.FAILED);
            return new PaymentLinkResult.Refused(PaymentLinkResult.Reason.PROVIDER_ERROR,
                    "The payment service could not make a payment link right now; please try again in a minute.");
        }
        // The order may have been superseded or cancelled while the provider answered: check again
        // in the transaction that stores the link, so that no live link points at a dead order.
        Payment payment = tx.execute(status -> orders.isPending(orderId)
                ? payments.fill(attempt.id(), link.paymentId(), link.url(), link.expiresAt())
                : null);
        if (payment == null) {
            payments.changeStatus(attempt.id(), PaymentStatus.PENDING, PaymentStatus.CANCELLED);
            try {
                provider.cancel(link.paymentId());
            } catch (PaymentProviderException e) {
                log.warn("order={} could not close the unused {} link: {}", orderId, provider.name(), e.getMessage());
            }
            return new PaymentLinkResult.Refused(PaymentLinkResult.Reason.ORDER_NOT_PENDING,
                    "Order " + order.reference() + " changed meanwhile: there is nothing to pay.");
        }
        log.info("order={} payment={} link made by {}, expires {}", orderId, payment.id(), provider.name(), link.expiresAt());
        return new PaymentLinkResult.Link(orderId, link.url(), order.total(), link.expiresAt());
    }

    public Optional<Payment> findByProviderId(String paymentId) {
        return payments.findByProviderId(provider.name(), paymentId);
    }

    public List<Payment> forOrder(String orderId) {
        return payments.forOrder(orderId);
    }

    /**
     * Applies a verified webhook event once: a second delivery of the same event id changes
     * nothing. An event about a payment we do not know is recorded, logged and acknowledged.
     *
     * @return whether this delivery changed anything
     */
    @Transactional
    public boolean apply(PaymentEvent event) {
        String orderHint = event instanceof PaymentEvent.StatusReported r ? r.orderId() : null;
        Optional<Payment> payment = event instanceof PaymentEvent.StatusReported r
                ? payments.findByProviderId(provider.name(), r.paymentId()) : Optional.empty();
        String orderId = payment.map(Payment::orderId).orElse(orderHint);
        if (!payments.recordEvent(provider.name(), event.eventId(), event.type(), orderId)) {
            log.info("{} event {} ({}) seen before: ignored", provider.name(), event.eventId(), event.type());
            meters.counter("shopkeeper.payment.webhooks", "provider", provider.name(), "outcome", "duplicate").increment();
            return false;
        }
        meters.counter("shopkeeper.payment.webhooks", "provider", provider.name(), "outcome", "accepted").increment();
        return switch (event) {
            case PaymentEvent.Ignored ignored -> false;
            case PaymentEvent.StatusReported reported -> {
                if (payment.isEmpty()) {
                    log.warn("{} event {} ({}) names a payment we do not know (order={}): acknowledged",
                            provider.name(), event.eventId(), event.type(), orderHint);
                    yield false;
                }
                yield settle(payment.get(), reported.status(), Cause.PAYMENT);
            }
        };
    }

    /**
     * Records a payment's final status and moves its order to match (PAID, PAYMENT_FAILED,
     * EXPIRED, CANCELLED), in one transaction. A payment that is no longer pending is left alone.
     *
     * @return whether anything changed
     */
    @Transactional
    public boolean settle(Payment payment, PaymentStatus status, Cause cause) {
        if (status == PaymentStatus.PENDING) {
            return false;
        }
        if (!payments.changeStatus(payment.id(), PaymentStatus.PENDING, status)) {
            if (status == PaymentStatus.PAID) {
                payments.find(payment.id()).filter(p -> p.status() != PaymentStatus.PAID).ifPresent(p -> log.warn(
                        "order={} payment={} was {} here but the provider says PAID: the shop must refund it",
                        p.orderId(), p.id(), p.status()));
            }
            return false;
        }
        OrderStatus next = switch (status) {
            case PAID -> OrderStatus.PAID;
            case FAILED -> OrderStatus.PAYMENT_FAILED;
            case EXPIRED -> OrderStatus.EXPIRED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case PENDING -> throw new IllegalStateException("unreachable");
        };
        Optional<Order> moved = orders.settle(payment.orderId(), OrderStatus.PENDING_PAYMENT, next, cause);
        if (moved.isEmpty() && status == PaymentStatus.PAID) {
            // Paid on a link of an order that was superseded or cancelled meanwhile: the money is real.
            log.warn("order={} payment={} was PAID but the order is no longer pending: the shop must refund it",
                    payment.orderId(), payment.id());
        }
        log.info("order={} payment={} {} -> {} ({})", payment.orderId(), payment.id(), PaymentStatus.PENDING, status, cause);
        meters.counter("shopkeeper.payments.settled", "provider", payment.provider(), "status", status.name()).increment();
        return true;
    }
}
