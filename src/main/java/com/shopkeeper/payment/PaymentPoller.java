package com.shopkeeper.payment;

import com.shopkeeper.order.OrderStatusChanged.Cause;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The fallback for lost webhooks: payments still pending a few minutes after their link was made
 * are asked about at the provider, so that a paid order never stays unpaid here (and an
 * abandoned link expires).
 */
@Component
public class PaymentPoller {

    private static final Logger log = LoggerFactory.getLogger(PaymentPoller.class);

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final PaymentService service;
    private final PaymentProperties props;
    private final Clock clock;

    PaymentPoller(PaymentRepository payments, PaymentProvider provider, PaymentService service,
                  PaymentProperties props, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.service = service;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${shopkeeper.payment.poll-interval:PT1M}",
            fixedDelayString = "${shopkeeper.payment.poll-interval:PT1M}")
    void poll() {
        checkPendingCreatedBefore(clock.instant().minus(props.pollAfter()));
    }

    /**
     * Asks the provider about its pending payments made before {@code cutoff}, at most a batch of
     * them, those least recently asked about first, and applies what it says.
     *
     * @return how many payments changed
     */
    public int checkPendingCreatedBefore(Instant cutoff) {
        List<Payment> pending = payments.pendingLeastRecentlyChecked(provider.name(), cutoff, props.pollBatch());
        // Marked first: a payment the provider cannot answer for goes to the back of the line too,
        // instead of keeping the ones behind it from ever being asked about.
        payments.markChecked(pending.stream().map(Payment::id).toList());
        int changed = 0;
        for (Payment p : pending) {
            try {
                PaymentStatus status = provider.checkPaymentStatus(p.paymentId());
                if (status != PaymentStatus.PENDING && service.settle(p, status, Cause.PAYMENT)) {
                    log.info("order={} payment={} found {} by polling", p.orderId(), p.id(), status);
                    changed++;
                }
            } catch (PaymentProviderException e) {
                // One payment the provider cannot answer for must not stop the others; next poll retries.
                log.warn("order={} payment={} status check failed: {}", p.orderId(), p.id(), e.getMessage());
            }
        }
        return changed;
    }
}
