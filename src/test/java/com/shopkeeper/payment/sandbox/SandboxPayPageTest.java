package com.shopkeeper.payment.sandbox;

import static com.shopkeeper.support.NoticeMatchers.anyNotice;
import static com.shopkeeper.support.NoticeMatchers.saying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.shopkeeper.catalog.Product;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.money.Money;
import com.shopkeeper.payment.Payment;
import com.shopkeeper.payment.PaymentLinkResult;
import com.shopkeeper.payment.PaymentProviderContract;
import com.shopkeeper.payment.PaymentStatus;
import com.shopkeeper.support.Http.Response;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * The payment provider contract for the sandbox, whose payment company is this server's own pay page;
 * then the out-of-the-box payment flow over real HTTP: link, page, Pay, confirmation.
 */
class SandboxPayPageTest extends PaymentProviderContract {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    protected String expectedName() {
        return "sandbox";
    }

    @Override
    protected String linkPattern() {
        return "http://localhost:" + port + "/pay/[A-Za-z0-9_-]{43}";
    }

    /** The pay page's total, which is what its Pay button pays. */
    @Override
    protected void assertTheShopperIsAskedFor(Payment payment, Money total) {
        Response page = http().get(path(payment.paymentLink()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"total\">" + HtmlUtils.htmlEscape(total.display()) + "</th>");
    }

    @Override
    protected void payAtTheProvider(Payment payment) {
        assertThat(http().post(path(payment.paymentLink()), FORM, "action=pay").status()).isEqualTo(200);
    }

    /** A link made a while ago, whose half hour is over. */
    @Override
    protected String expiredPayment(Order order) {
        String token = "E".repeat(11) + unique("x").replace("-", "_").substring(0, 10) + "E".repeat(22);
        paymentRepository.insert(order.id(), "sandbox", token, "http://localhost/pay/" + token,
                clock.instant().minus(Duration.ofMinutes(1)));
        return token;
    }

    /** The sandbox is its own payment company: nothing calls it back. */
    @Override
    protected Optional<Webhooks> webhooks() {
        return Optional.empty();
    }

    private String urlFor(Order order) {
        return linkFor(order).url();
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/pay/"));
    }

    @Test
    void shopperPaysOnThePayPageAndTheOrderIsPaidAndAnnouncedOnce() {
        Product kettle = product("Kettle <Deluxe>", "24.99");
        Product cup = product("Cup", "3.50");
        Conversation c = inState(withCart(kettle, 1, cup, 2), State.AWAITING_PAYMENT);
        Order order = order(c);
        String url = urlFor(order);
        assertThat(url).matches("http://localhost:" + port + "/pay/[A-Za-z0-9_-]{43}");
        assertThat(urlFor(order)).as("a second ask gives the same live link").isEqualTo(url);

        Response page = http().get(path(url));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Kettle &lt;Deluxe&gt;").contains("Cup").contains("$31.99")
                .contains("method=\"post\"").contains("name=\"action\" value=\"pay\"")
                .contains("name=\"action\" value=\"cancel\"").doesNotContain("<Deluxe>");

        Response paid = http().post(path(url), FORM, "action=pay");
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.header("Content-Type")).startsWith("text/html");
        assertThat(paid.body()).contains("Payment received").contains("$31.99");

        assertThat(reload(order).status()).isEqualTo(OrderStatus.PAID);
        assertThat(payments.forOrder(order.id())).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.PAID));
        assertThat(stateOf(c)).isEqualTo(State.BROWSING);
        assertThat(carts.items(c.id())).isEmpty();
        verify(messenger).tell(eq(c.id()), saying("Payment received"));

        Response again = http().post(path(url), FORM, "action=pay");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("already been used");
        assertThat(http().get(path(url)).status()).isEqualTo(410);
        verify(messenger, times(1)).tell(anyString(), anyNotice());
        assertThat(payments.paymentLink(order.id())).isInstanceOfSatisfying(PaymentLinkResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(PaymentLinkResult.Reason.ORDER_NOT_PENDING));
    }

    @Test
    void cancelButtonCancelsTheOrderAndKeepsTheCart() {
        Conversation c = withCart(product("Teapot", "18.00"), 1);
        Order order = order(c);
        String url = urlFor(order);

        Response cancelled = http().post(path(url), FORM, "action=cancel");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).contains("cancelled");
        assertThat(reload(order).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(carts.items(c.id())).hasSize(1);
        verify(messenger).tell(eq(c.id()), saying("You cancelled"));
        assertThat(http().post(path(url), FORM, "action=pay").status()).isEqualTo(410);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void unknownTokensAreA404PageNeverAnError() {
        for (String token : new String[] {"nope", "A".repeat(43), "%3Cscript%3E", "x".repeat(500)}) {
            Response get = http().get("/pay/" + token);
            assertThat(get.status()).as(token).isEqualTo(404);
            assertThat(get.header("Content-Type")).startsWith("text/html");
            assertThat(get.body()).contains("Link not found").doesNotContain("<script>");
            assertThat(http().post("/pay/" + token, FORM, "action=pay").status()).isEqualTo(404);
        }
    }

    @Test
    void anythingButPayOrCancelIsABadRequestPage() {
        Order order = order(withCart(product("Tray", "9.00"), 1));
        String path = path(urlFor(order));
        for (String body : new String[] {"action=refund", "", "foo=bar"}) {
            Response r = http().post(path, FORM, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("text/html");
        }
        assertThat(http().post(path, "application/json", "{\"action\":\"pay\"}").status()).isEqualTo(400);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    @Test
    void theLinkOfASupersededOrderNoLongerPays() {
        Product lamp = product("Desk Lamp", "40.00");
        Conversation c = withCart(lamp, 1);
        Order first = order(c);
        String oldLink = path(urlFor(first));
        Order second = order(c);

        Response r = http().post(oldLink, FORM, "action=pay");
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.body()).contains("no longer valid");
        assertThat(reload(first).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(reload(second).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    @Test
    void anExpiredLinkIsAClearPageAndPollingExpiresTheOrder() {
        Order order = order(withCart(product("Clock", "15.00"), 1));
        String token = expiredPayment(order);

        Response page = http().get("/pay/" + token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("expired");
        assertThat(reload(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);

        assertThat(poller.checkPendingCreatedBefore(clock.instant().plusSeconds(1))).isGreaterThanOrEqualTo(1);
        assertThat(reload(order).status()).isEqualTo(OrderStatus.EXPIRED);
        verify(messenger).tell(eq(order.conversationId()), saying("expired"));
    }
}
