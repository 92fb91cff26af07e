package com.shopkeeper.payment;

import static com.shopkeeper.support.NoticeMatchers.saying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.support.ShopTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every {@link PaymentProvider} does, in the running application with the provider active: a pending
 * order's link asks for the total the server computed, in the order's currency; the same order asked again
 * gets the same link; only a pending order gets one; the provider's word on a payment (pending, paid,
 * expired) is what a status check answers, and an expired link expires its order when polled; a webhook is
 * read only when its signature is the provider's. Each provider's test extends this (its context, its
 * stubs) and keeps its own cases.
 */
public abstract class PaymentProviderContract extends ShopTest {

    @Autowired
    protected PaymentService payments;
    @Autowired
    protected PaymentProvider provider;
    @Autowired
    protected PaymentPoller poller;
    @Autowired
    protected PaymentRepository paymentRepository;
    @Autowired
    protected Clock clock;

    /** The value of {@code shopkeeper.payment.provider}, stored with each payment. */
    protected abstract String expectedName();

    /** What a link of this provider looks like (a regular expression). */
    protected abstract String linkPattern();

    /** Checks that whoever follows this payment's link is asked for {@code total} and nothing else. */
    protected abstract void assertTheShopperIsAskedFor(Payment payment, Money total);

    /** The shopper pays at the provider (its page, or the provider reporting it paid when asked). */
    protected abstract void payAtTheProvider(Payment payment);

    /** A payment of this order whose link has expired at the provider; answers its {@code paymentId}. */
    protected abstract String expiredPayment(Order order);

    /** How the provider's webhooks are made, or empty when it takes none. */
    protected abstract Optional<Webhooks> webhooks();

    /** A provider's webhooks as it sends them. */
    protected interface Webhooks {

        /** The event by which the provider reports this payment paid. */
        String paidEvent(Payment payment);

        /** The headers the provider sends with this payload, signed with the configured secret. */
        Map<String, String> signed(String payload);

        /** The same, signed with a secret that is not the configured one. */
        Map<String, String> signedWithAnotherSecret(String payload);
    }

    /** The link the service gives for this order, which must be one. */
    protected PaymentLinkResult.Link linkFor(Order order) {
        PaymentLinkResult result = payments.paymentLink(order.id());
        assertThat(result).isInstanceOf(PaymentLinkResult.Link.class);
        return (PaymentLinkResult.Link) result;
    }

    /** The order's payment after a link was made for it. */
    protected Payment linked(Order order) {
        linkFor(order);
        return payments.forOrder(order.id()).getLast();
    }

    private static Function<String, String> headers(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return byName::get;
    }

    @Test
    void aPendingOrdersLinkAsksForTheTotalTheServerComputedInItsCurrency() {
        Order usd = order(withCart(product("Kettle", "24.99"), 1, product("Cup", "3.50"), 2));
        Order yen = order(withCart(product("Sencha", "1200", "JPY", true), 2));

        for (var expected : Map.of(usd, Money.of("31.99", "USD"), yen, Money.of("2400", "JPY")).entrySet()) {
            Order order = expected.getKey();
            assertThat(order.total()).isEqualTo(expected.getValue());

            PaymentLinkResult.Link link = linkFor(order);

            assertThat(link.orderId()).isEqualTo(order.id());
            assertThat(link.total()).isEqualTo(expected.getValue());
            assertThat(link.url()).matches(linkPattern());
            assertThat(link.expiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(30)).minusSeconds(5));
            Payment payment = payments.forOrder(order.id()).getLast();
            assertThat(payment.provider()).isEqualTo(expectedName());
            assertThat(payment.paymentId()).isNotBlank();
            assertThat(payment.paymentLink()).isEqualTo(link.url());
            assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
            assertTheShopperIsAskedFor(payment, expected.getValue());
        }
    }

    @Test
    void theSameOrderAskedAgainGetsTheSameLink() {
        Order order = order(withCart(product("Teapot", "18.00"), 1));

        String first = linkFor(order).url();

        assertThat(linkFor(order).url()).isEqualTo(first);
        assertThat(payments.forOrder(order.id())).singleElement()
                .satisfies(p -> assertThat(p.paymentLink()).isEqualTo(first));
    }

    @Test
    void onlyAnOrderAwaitingPaymentGetsALink() {
        Conversation c = withCart(product("Desk Lamp", "40.00"), 1);
        Order superseded = order(c);
        order(c); // a new order from the same cart cancels the first

        assertThat(reload(superseded).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payments.paymentLink(superseded.id())).isInstanceOfSatisfying(PaymentLinkResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(PaymentLinkResult.Reason.ORDER_NOT_PENDING));
        assertThat(payments.forOrder(superseded.id())).isEmpty();
    }

    @Test
    void aStatusCheckAnswersWhatTheProviderSays() {
        Payment open = linked(order(withCart(product("Vase", "10.00"), 1)));
        assertThat(provider.checkPaymentStatus(open.paymentId())).isEqualTo(PaymentStatus.PENDING);

        Payment paid = linked(order(withCart(product("Bowl", "10.00"), 1)));
        payAtTheProvider(paid);
        assertThat(provider.checkPaymentStatus(paid.paymentId())).isEqualTo(PaymentStatus.PAID);

        String expired = expiredPayment(order(withCart(product("Plate", "10.00"), 1)));
        assertThat(provider.checkPaymentStatus(expired)).isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void aLinkThatExpiredExpiresItsOrderWhenPolledAndTheShopperIsTold() {
        Conversation c = withCart(product("Clock", "15.00"), 1);
        Order order = order(c);
        String expired = expiredPayment(order);

        // (Counts are not asserted exactly: other tests' pending payments are polled too.)
        assertThat(poller.checkPendingCreatedBefore(clock.instant().plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(reload(order).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(paymentRepository.findByProviderId(expectedName(), expired)).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.EXPIRED));
        assertThat(carts.items(c.id())).as("the cart is kept for another try").hasSize(1);
        verify(messenger).tell(eq(c.id()), saying("expired"));
    }

    @Test
    void aWebhookIsReadOnlyWhenTheProviderSignedItAsItIs() {
        Order order = order(withCart(product("Rug", "80.00"), 1));
        Payment payment = linked(order);
        Optional<Webhooks> webhooks = webhooks();
        if (webhooks.isEmpty()) {
            assertThatThrownBy(() -> provider.readWebhook("{}", name -> null)).isInstanceOf(InvalidWebhookException.class);
            return;
        }
        String payload = webhooks.get().paidEvent(payment);

        assertThat(provider.readWebhook(payload, headers(webhooks.get().signed(payload))))
                .isInstanceOfSatisfying(PaymentEvent.StatusReported.class, event -> {
                    assertThat(event.paymentId()).isEqualTo(payment.paymentId());
                    assertThat(event.status()).isEqualTo(PaymentStatus.PAID);
                    assertThat(event.orderId()).isEqualTo(order.id());
                });
        assertThatThrownBy(() -> provider.readWebhook(payload, name -> null))
                .as("unsigned").isInstanceOf(InvalidWebhookException.class);
        assertThatThrownBy(() -> provider.readWebhook(payload, headers(webhooks.get().signedWithAnotherSecret(payload))))
                .as("signed by someone else").isInstanceOf(InvalidWebhookException.class);
        String altered = payload.replace(payment.paymentId(), payment.paymentId() + "x");
        assertThatThrownBy(() -> provider.readWebhook(altered, headers(webhooks.get().signed(payload))))
                .as("altered after signing").isInstanceOf(InvalidWebhookException.class);
        assertThat(reload(order).status()).as("reading changes nothing").isEqualTo(OrderStatus.PENDING_PAYMENT);
    }
}
