package com.shopkeeper.payment.stripe;

import static com.shopkeeper.support.NoticeMatchers.anyNotice;
import static com.shopkeeper.support.NoticeMatchers.saying;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.money.Money;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.PaymentLinkResult;
import com.shopkeeper.payment.PaymentProviderContract;
import com.shopkeeper.payment.PaymentStatus;
import com.shopkeeper.support.StripeEvents;
import com.shopkeeper.support.Http.Response;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment provider contract for Stripe against WireMock stubs shaped like Stripe's API
 * ({@code wiremock-stubs/stripe/}), and Stripe webhooks signed as Stripe signs them; then Checkout's
 * own ways: minor units, idempotent retries, refusals, webhooks over HTTP, polling.
 */
class StripePaymentTest extends PaymentProviderContract {

    static final String SECRET = "whsec_test_0123456789abcdefghijklmnopqrstuv";
    static final WireMockServer STRIPE = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .usingFilesUnderDirectory("wiremock-stubs/stripe"));

    static {
        STRIPE.start();
    }

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("shopkeeper.payment.provider", () -> "stripe");
        registry.add("shopkeeper.payment.stripe.api-key", () -> "sk_test_4eC39HqLyjWDarjtT1zdp7dc");
        registry.add("shopkeeper.payment.stripe.api-base-url", STRIPE::baseUrl);
        registry.add("shopkeeper.payment.stripe.webhook-secret", () -> SECRET);
        registry.add("shopkeeper.payment.poll-interval", () -> "PT1H"); // tests poll by hand
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.resetToDefaultMappings();
    }

    @Override
    protected String expectedName() {
        return "stripe";
    }

    @Override
    protected String linkPattern() {
        return "https://checkout\\.stripe\\.com/c/pay/cs_test_\\S+";
    }

    /** The Checkout Session's line items: in the order's currency, adding up to its total in minor units. */
    @Override
    protected void assertTheShopperIsAskedFor(Payment payment, Money total) {
        List<LoggedRequest> creates = STRIPE.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
        String form = creates.stream().map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
                .filter(f -> f.contains("client_reference_id=" + payment.orderId() + "&")
                        || f.endsWith("client_reference_id=" + payment.orderId()))
                .reduce((first, last) -> last).orElseThrow();
        Map<String, String> fields = new java.util.HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        long minorUnits = 0;
        for (int i = 0; fields.containsKey("line_items[" + i + "][quantity]"); i++) {
            assertThat(fields.get("line_items[" + i + "][price_data][currency]"))
                    .isEqualTo(total.currencyCode().toLowerCase(java.util.Locale.ROOT));
            minorUnits += Long.parseLong(fields.get("line_items[" + i + "][price_data][unit_amount]"))
                    * Long.parseLong(fields.get("line_items[" + i + "][quantity]"));
        }
        assertThat(minorUnits).isEqualTo(total.minorUnits());
    }

    /** Stripe says the session is complete and paid when asked. */
    @Override
    protected void payAtTheProvider(Payment payment) {
        stubSession(payment.paymentId(), "checkout-session-complete.json");
    }

    @Override
    protected String expiredPayment(Order order) {
        Payment payment = linked(order);
        stubSession(payment.paymentId(), "checkout-session-expired.json");
        return payment.paymentId();
    }

    @Override
    protected Optional<Webhooks> webhooks() {
        return Optional.of(new Webhooks() {
            @Override
            public String paidEvent(Payment payment) {
                return event("checkout.session.completed", payment.paymentId(), payment.orderId(), "complete", "paid");
            }

            @Override
            public Map<String, String> signed(String payload) {
                return Map.of("Stripe-Signature", signature(payload, SECRET, Instant.now().getEpochSecond()));
            }

            @Override
            public Map<String, String> signedWithAnotherSecret(String payload) {
                return Map.of("Stripe-Signature", signature(payload, "whsec_forged_by_someone_else",
                        Instant.now().getEpochSecond()));
            }
        });
    }

    private static void stubSession(String sessionId, String bodyFile) {
        STRIPE.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBodyFile(bodyFile).withTransformers("response-template")));
    }

    static String event(String type, String sessionId, String orderId, String status, String paymentStatus) {
        return StripeEvents.event(type, sessionId, orderId, status, paymentStatus);
    }

    static String signature(String payload, String secret, long timestamp) {
        return StripeEvents.signature(payload, secret, timestamp);
    }

    private Response webhook(String payload, String signatureHeader) {
        var client = http();
        if (signatureHeader != null) {
            client = client.withHeader("Stripe-Signature", signatureHeader);
        }
        return client.post("/webhook/payments/stripe", "application/json", payload);
    }

    private Response signedWebhook(String payload) {
        return webhook(payload, signature(payload, SECRET, Instant.now().getEpochSecond()));
    }

    @Test
    void paymentLinkIsACheckoutSessionInMinorUnitsWithTheOrderIdAndAnExpiry() {
        Product kettle = product("Kettle", "24.99");
        Product tea = product("Sencha", "1200", "JPY", true);
        Order usd = order(withCart(kettle, 1, product("Cup", "3.50"), 2));

        PaymentLinkResult result = payments.paymentLink(usd.id());
        assertThat(result).isInstanceOfSatisfying(PaymentLinkResult.Link.class, link -> {
            assertThat(link.url()).startsWith("https://checkout.stripe.com/c/pay/cs_test_");
            assertThat(link.expiresAt()).isAfter(Instant.now().plusSeconds(30 * 60 - 5));
            assertThat(link.total().amount()).isEqualByComparingTo("31.99");
        });
        Payment payment = payments.forOrder(usd.id()).getLast();
        assertThat(payment.provider()).isEqualTo("stripe");
        assertThat(payment.paymentId()).startsWith("cs_test_").hasSizeGreaterThan(20);

        String form = lastCreateForm();
        assertThat(form).contains("mode=payment", "client_reference_id=" + usd.id(), "metadata[order_id]=" + usd.id(),
                "line_items[0][price_data][currency]=usd", "line_items[0][price_data][unit_amount]=2499",
                "line_items[0][price_data][product_data][name]=Kettle", "line_items[0][quantity]=1",
                "line_items[1][price_data][unit_amount]=350", "line_items[1][quantity]=2", "expires_at=",
                "success_url=http://localhost:" + port + "/pay/stripe/done");
        assertThat(form).doesNotContain(".99", "24.99", "3.5");

        Order yen = order(withCart(tea, 2));
        payments.paymentLink(yen.id());
        assertThat(lastCreateForm()).contains("line_items[0][price_data][currency]=jpy",
                "line_items[0][price_data][unit_amount]=1200", "line_items[0][quantity]=2");
    }

    private static String lastCreateForm() {
        List<LoggedRequest> creates = STRIPE.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
        assertThat(creates).isNotEmpty();
        assertThat(creates.getLast().getHeader("Authorization")).isEqualTo("Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc");
        return URLDecoder.decode(creates.getLast().getBodyAsString(), StandardCharsets.UTF_8);
    }

    @org.springframework.test.context.bean.override.mockito.MockitoSpyBean
    com.shopkeeper.payment.PaymentRepository paymentRows;

    @Test
    void aLinkWhoseAnswerWasLostIsAskedForAgainAsTheSameRequest() {
        Order order = order(withCart(product("Teapot", "40.00"), 1));
        // Stripe made the session, then the worker died before the link was stored.
        org.mockito.Mockito.doThrow(new IllegalStateException("injected: the worker died"))
                .doCallRealMethod().when(paymentRows).fill(anyString(), anyString(), anyString(),
                        org.mockito.ArgumentMatchers.any());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> payments.paymentLink(order.id()))
                .hasMessageContaining("injected");

        assertThat(payments.paymentLink(order.id())).isInstanceOf(PaymentLinkResult.Link.class);

        List<LoggedRequest> creates = STRIPE.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(order.id())));
        assertThat(creates).hasSize(2);
        String key = creates.get(0).getHeader("Idempotency-Key");
        assertThat(key).as("Stripe answers a repeated key with the session it made").isNotBlank()
                .isEqualTo(creates.get(1).getHeader("Idempotency-Key"));
        assertThat(creates.get(1).getBodyAsString()).as("the same parameters, expiry included")
                .isEqualTo(creates.get(0).getBodyAsString());
        assertThat(payments.forOrder(order.id())).singleElement()
                .satisfies(p -> assertThat(p.paymentLink()).startsWith("https://checkout.stripe.com/"));

        // A new order is a new request: another key.
        Order next = order(withCart(product("Mug", "8.00"), 1));
        payments.paymentLink(next.id());
        assertThat(STRIPE.findAll(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))).getLast()
                .getHeader("Idempotency-Key")).isNotEqualTo(key);
    }

    @Test
    void aSignedCompletedEventPaysTheOrderOnceEvenWhenReplayed() {
        Conversation c = inState(withCart(product("Lamp", "29.99"), 2), State.AWAITING_PAYMENT);
        Order order = order(c);
        Payment payment = linked(order);
        String payload = event("checkout.session.completed", payment.paymentId(), order.id(), "complete", "paid");

        Response first = signedWebhook(payload);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("changed").asBoolean()).isTrue();
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(stateOf(c)).isEqualTo(State.BROWSING);
        assertThat(carts.items(c.id())).isEmpty();
        verify(messenger).tell(eq(c.id()), saying("$59.98"));

        carts.add(c.id(), order.items().getFirst().productId(), 1); // the shopper goes on shopping
        Response replay = signedWebhook(payload);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("changed").asBoolean()).isFalse();
        assertThat(carts.items(c.id())).hasSize(1);
        verify(messenger, times(1)).tell(anyString(), anyNotice());
    }

    @Test
    void forgedStaleOrMissingSignaturesAre400AndChangeNothing() {
        Conversation c = inState(withCart(product("Rug", "80.00"), 1), State.AWAITING_PAYMENT);
        Order order = order(c);
        Payment payment = linked(order);
        String payload = event("checkout.session.completed", payment.paymentId(), order.id(), "complete", "paid");
        long now = Instant.now().getEpochSecond();

        List<String> refused = List.of(
                signature(payload, "whsec_forged_by_someone_else", now),
                signature(payload, SECRET, now - 10 * 60), // stale: older than Stripe's 5 minutes
                signature(payload.replace("\"paid\"", "\"paid\" "), SECRET, now).replace(",v1=", ",v1=00"),
                "t=" + now + ",v1=",
                "garbage");
        for (String header : refused) {
            Response r = webhook(payload, header);
            assertThat(r.status()).as(header).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(webhook(payload, null).status()).isEqualTo(400);
        String tampered = payload.replace(payment.paymentId(), "cs_test_tampered");
        assertThat(webhook(tampered, signature(payload, SECRET, now)).status()).isEqualTo(400);

        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(payments.forOrder(order.id()).getLast().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(stateOf(c)).isEqualTo(State.AWAITING_PAYMENT);
        assertThat(carts.items(c.id())).hasSize(1);
        verify(messenger, never()).tell(anyString(), anyNotice());

        // The genuine event still works afterwards: nothing was recorded by the refused ones.
        assertThat(signedWebhook(payload).json().get("changed").asBoolean()).isTrue();
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void eventsForUnknownSessionsOrOfOtherTypesAreAcknowledged() {
        Response unknown = signedWebhook(event("checkout.session.completed", "cs_test_nobody_knows", "no-order",
                "complete", "paid"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("changed").asBoolean()).isFalse();

        String other = event("customer.created", "cs_test_x", "no-order", "complete", "paid");
        assertThat(signedWebhook(other).status()).isEqualTo(200);
        assertThat(http().withHeader("Stripe-Signature", "t=1,v1=00")
                .post("/webhook/payments/sandbox", "application/json", "{}").status()).isEqualTo(404);
    }

    @Test
    void anExpiredSessionExpiresTheOrderAndTellsTheShopper() {
        Conversation c = withCart(product("Stool", "15.00"), 1);
        Order order = order(c);
        Payment payment = linked(order);

        assertThat(signedWebhook(event("checkout.session.expired", payment.paymentId(), order.id(), "expired",
                "unpaid")).status()).isEqualTo(200);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(payments.forOrder(order.id()).getLast().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(carts.items(c.id())).hasSize(1);
        verify(messenger).tell(eq(c.id()), saying("expired"));
    }

    @Test
    void pollingFindsAPaymentWhoseWebhookWasLost() {
        Conversation c = inState(withCart(product("Mirror", "45.00"), 1), State.AWAITING_PAYMENT);
        Order order = order(c);
        Payment payment = linked(order);
        // (Counts are not asserted: other tests' pending payments are polled too.)
        poller.checkPendingCreatedBefore(clock.instant().plusSeconds(1));
        assertThat(reload(order).status()).as("still open at Stripe").isEqualTo(OrderStatus.PENDING_PAYMENT);

        stubSession(payment.paymentId(), "checkout-session-complete.json"); // paid; the webhook never came
        poller.checkPendingCreatedBefore(payment.createdAt());
        assertThat(reload(order).status()).as("too young to poll").isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(poller.checkPendingCreatedBefore(clock.instant().plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(stateOf(c)).isEqualTo(State.BROWSING);
        verify(messenger).tell(eq(c.id()), saying("Payment received"));

        // The late webhook then changes nothing.
        Response late = signedWebhook(event("checkout.session.completed", payment.paymentId(), order.id(), "complete",
                "paid"));
        assertThat(late.json().get("changed").asBoolean()).isFalse();
        verify(messenger, times(1)).tell(eq(c.id()), anyNotice());
    }

    @Test
    void aStripeRefusalIsAnAnswerForTheShopperNotAnError() {
        Order order = order(withCart(product("Sticker", "0.10"), 1));
        var tooSmall = STRIPE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo("/v1/checkout/sessions")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": {"code": "amount_too_small", "doc_url": "https://stripe.com/docs/error-codes/amount-too-small",
                                 "message": "The Checkout Session's total amount due must add up to at least $0.50 usd",
                                 "param": "line_items", "type": "invalid_request_error"}}""")));
        try {
            assertThat(payments.paymentLink(order.id())).isInstanceOfSatisfying(PaymentLinkResult.Refused.class,
                    r -> assertThat(r.reason()).isEqualTo(PaymentLinkResult.Reason.PROVIDER_ERROR));
            assertThat(payments.forOrder(order.id())).as("the refused attempt, and no link").singleElement()
                    .satisfies(p -> {
                        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
                        assertThat(p.paymentLink()).isNull();
                    });
            assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        } finally {
            STRIPE.removeStub(tooSmall);
        }
    }

    @Test
    void supersedingAnOrderExpiresItsCheckoutSession() {
        Conversation c = withCart(product("Shelf", "30.00"), 1);
        Payment first = linked(order(c));
        order(c);
        STRIPE.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions/" + first.paymentId() + "/expire")));
        assertThat(payments.forOrder(first.orderId()).getLast().status()).isEqualTo(PaymentStatus.CANCELLED);
    }
}
