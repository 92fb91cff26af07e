package com.shopkeeper.payment.sandbox;

import com.shopkeeper.messaging.RealPlatform;
import com.shopkeeper.order.Order;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.LinkAttempt;
import com.shopkeeper.payment.PaymentLink;
import com.shopkeeper.payment.PaymentProvider;
import com.shopkeeper.payment.PaymentProviderException;
import com.shopkeeper.payment.PaymentRepository;
import com.shopkeeper.payment.PaymentStatus;
import com.shopkeeper.web.PublicBaseUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Payments without a payment company, for the out-of-the-box run and demos: the link is a page
 * of this server ({@code /pay/{token}}) with a Pay button. The token is the payment's id: 256
 * random bits, so links cannot be guessed, stored encrypted like any provider's id.
 *
 * <p>Beside a real messaging platform it must be asked for by name
 * ({@code shopkeeper.payment.provider=sandbox}): chosen only by default there, it refuses to start.
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.payment.provider", havingValue = SandboxPaymentProvider.NAME, matchIfMissing = true)
class SandboxPaymentProvider implements PaymentProvider {

    static final String NAME = "sandbox";
    static final String PROVIDER = "shopkeeper.payment.provider";
    private static final Logger log = LoggerFactory.getLogger(SandboxPaymentProvider.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaymentRepository payments;
    private final PublicBaseUrl baseUrl;
    private final SandboxProperties props;
    private final Clock clock;

    SandboxPaymentProvider(PaymentRepository payments, PublicBaseUrl baseUrl, SandboxProperties props, Clock clock,
                           Environment env) {
        List<RealPlatform> real = RealPlatform.configured(env);
        if (!real.isEmpty()) {
            if (!env.containsProperty(PROVIDER)) {
                throw new SandboxBesideRealPlatformException(real);
            }
            log.warn("payment: the sandbox is on beside {} because {}={} says so: a shopper's Pay button marks the "
                    + "order PAID with no money taken", real, PROVIDER, NAME);
        }
        this.payments = payments;
        this.baseUrl = baseUrl;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PaymentLink generatePaymentLink(Order order, LinkAttempt attempt) {
        // A new token each time: nothing outside this server knows of a lost one.
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new PaymentLink(token, baseUrl.resolve("/pay/" + token), attempt.requestedAt().plus(props.linkTtl()));
    }

    /** The sandbox is its own payment company: the state is ours, and a link past its time has expired. */
    @Override
    public PaymentStatus checkPaymentStatus(String paymentId) {
        Payment payment = payments.findByProviderId(NAME, paymentId)
                .orElseThrow(() -> new PaymentProviderException("no sandbox payment with that token"));
        return payment.status() == PaymentStatus.PENDING && isExpired(payment, clock.instant())
                ? PaymentStatus.EXPIRED : payment.status();
    }

    static boolean isExpired(Payment payment, Instant now) {
        return payment.expiresAt() != null && !now.isBefore(payment.expiresAt());
    }
}
