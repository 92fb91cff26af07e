package com.shopkeeper.payment.stripe;

import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderItem;
import com.shopkeeper.payment.InvalidWebhookException;
import com.shopkeeper.payment.LinkAttempt;
import com.shopkeeper.payment.PaymentEvent;
import com.shopkeeper.payment.PaymentLink;
import com.shopkeeper.payment.PaymentProvider;
import com.shopkeeper.payment.PaymentProviderException;
import com.shopkeeper.payment.PaymentStatus;
import com.shopkeeper.web.PublicBaseUrl;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe Checkout: one Checkout Session per payment link, amounts in the currency's minor unit,
 * the order id in the metadata. Webhooks are verified with the SDK ({@link Webhook#constructEvent}:
 * HMAC-SHA256 of {@code t.payload}, five minutes' tolerance, constant-time comparison).
 */
@Component
@ConditionalOnProperty(name = "shopkeeper.payment.provider", havingValue = StripePaymentProvider.NAME)
class StripePaymentProvider implements PaymentProvider {

    static final String NAME = "stripe";
    static final String SIGNATURE_HEADER = "Stripe-Signature";
    private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration MIN_TTL = Duration.ofMinutes(30);
    private static final Duration MAX_TTL = Duration.ofHours(24);

    private final StripeClient stripe;
    private final StripeProperties props;
    private final PublicBaseUrl baseUrl;
    private final Clock clock;

    StripePaymentProvider(StripeProperties props, PublicBaseUrl baseUrl, Clock clock) {
        if (props.apiKey() == null || props.apiKey().isBlank()) {
            throw new IllegalStateException(
                    "shopkeeper.payment.provider=stripe needs shopkeeper.payment.stripe.api-key (a Stripe secret key)");
        }
        if (props.webhookSecret() == null || props.webhookSecret().isBlank()) {
            log.warn("shopkeeper.payment.stripe.webhook-secret is not set: Stripe webhooks will be refused "
                    + "and payments noticed only by polling");
        }
        this.stripe = StripeClient.builder()
                .setApiKey(props.apiKey())
                .setApiBase(props.apiBaseUrl().replaceAll("/+$", ""))
                .setMaxNetworkRetries(2) // the SDK adds an idempotency key to retried POSTs
                .setConnectTimeout(10_000)
                .setReadTimeout(20_000)
                .build();
        this.props = props;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PaymentLink generatePaymentLink(Order order, LinkAttempt attempt) {
        // The expiry counts from the attempt, not from now: the same attempt asked again carries the
        // same parameters, which Stripe requires of a request repeated under its idempotency key.
        Instant expiresAt = attempt.requestedAt().plus(clamp(props.sessionTtl()));
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(order.id())
                .putMetadata("order_id", order.id())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("order_id", order.id()).build())
                .setExpiresAt(expiresAt.getEpochSecond())
                .setSuccessUrl(baseUrl.resolve("/pay/stripe/done"))
                .setCancelUrl(baseUrl.resolve("/pay/stripe/cancelled"));
        String currency = order.total().currencyCode().toLowerCase(Locale.ROOT);
        for (OrderItem item : order.items()) {
            params.addLineItem(SessionCreateParams.LineItem.builder()
                    .setQuantity((long) item.quantity())
                    .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency)
                            // Stripe counts in the smallest unit, as we store it (cents; yen for JPY).
                            .setUnitAmount(item.unitPrice().minorUnits())
                            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName(item.productName()).build())
                            .build())
                    .build());
        }
        try {
            // Stripe answers a repeated key with the session it made the first time (for 24 hours).
            Session session = stripe.v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey("shopkeeper-link-" + attempt.key()).build());
            Instant expires = session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt());
            return new PaymentLink(session.getId(), session.getUrl(), expires);
        } catch (StripeException e) {
            throw failure("creating a Checkout Session", e);
        }
    }

    @Override
    public PaymentStatus checkPaymentStatus(String paymentId) {
        try {
            return statusOf(stripe.v1().checkout().sessions().retrieve(paymentId));
        } catch (StripeException e) {
            throw failure("reading Checkout Session " + paymentId, e);
        }
    }

    static PaymentStatus statusOf(Session session) {
        return statusOf(session.getStatus(), session.getPaymentStatus());
    }

    static PaymentStatus statusOf(String status, String paymentStatus) {
        if ("expired".equals(status)) {
            return PaymentStatus.EXPIRED;
        }
        if ("complete".equals(status) && ("paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus))) {
            return PaymentStatus.PAID;
        }
        // open, or complete with a delayed method (bank debit) still settling: wait.
        return PaymentStatus.PENDING;
    }

    @Override
    public void cancel(String paymentId) {
        try {
            stripe.v1().checkout().sessions().expire(paymentId);
        } catch (InvalidRequestException e) {
            log.info("Checkout Session {} could not be expired (already complete or expired): {}", paymentId, e.getCode());
        } catch (StripeException e) {
            throw failure("expiring Checkout Session " + paymentId, e);
        }
    }

    @Override
    public PaymentEvent readWebhook(String payload, Function<String, String> headers) {
        String signature = headers.apply(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new InvalidWebhookException("The Stripe-Signature header is missing.");
        }
        if (props.webhookSecret() == null || props.webhookSecret().isBlank()) {
            throw new InvalidWebhookException("No webhook secret is configured, so no signature can be checked.");
        }
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, props.webhookSecret(), Webhook.DEFAULT_TOLERANCE, clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookException("The Stripe signature does not match, or is too old.");
        } catch (RuntimeException e) {
            // Signed but unreadable (Gson's JsonSyntaxException and the like).
            throw new InvalidWebhookException("The event is not a Stripe event.");
        }
        return read(event, payload);
    }

    /** The session fields are read from the raw JSON, so an event of a newer API version still reads. */
    private static PaymentEvent read(Event event, String payload) {
        String type = event.getType();
        PaymentStatus status = switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> null;
            case "checkout.session.async_payment_failed" -> PaymentStatus.FAILED;
            case "checkout.session.expired" -> PaymentStatus.EXPIRED;
            default -> PaymentStatus.PENDING;
        };
        if (status == PaymentStatus.PENDING) {
            return new PaymentEvent.Ignored(event.getId(), type);
        }
        JsonNode session;
        try {
            session = JSON.readTree(payload).path("data").path("object");
        } catch (JacksonException e) {
            throw new InvalidWebhookException("The event is not a Stripe event.");
        }
        String sessionId = session.path("id").asString(null);
        if (sessionId == null || !"checkout.session".equals(session.path("object").asString(null))) {
            throw new InvalidWebhookException("A " + type + " event without its Checkout Session.");
        }
        if (status == null) {
            status = type.equals("checkout.session.async_payment_succeeded")
                    ? PaymentStatus.PAID
                    : statusOf(session.path("status").asString("complete"), session.path("payment_status").asString(null));
            if (status == PaymentStatus.PENDING) {
                return new PaymentEvent.Ignored(event.getId(), type); // completed, payment still settling
            }
        }
        String orderId = session.path("metadata").path("order_id").asString(null);
        return new PaymentEvent.StatusReported(event.getId(), type, sessionId, status, orderId);
    }

    private static Duration clamp(Duration ttl) {
        if (ttl.compareTo(MIN_TTL) < 0) {
            return MIN_TTL;
        }
        return ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }

    private static PaymentProviderException failure(String what, StripeException e) {
        // StripeException's message never holds the key; the request id helps Stripe's support.
        return new PaymentProviderException("Stripe failed " + what + ": " + e.getClass().getSimpleName()
                + " status=" + e.getStatusCode() + " code=" + e.getCode() + " request=" + e.getRequestId(), e);
    }
}
