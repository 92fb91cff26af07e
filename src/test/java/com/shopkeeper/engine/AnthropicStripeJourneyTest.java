package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.payment.PaymentService;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.StripeEvents;
import com.shopkeeper.support.IsolatedApp;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The design card's QA path: the real application, signed Twilio webhooks, real Redis and SQLite,
 * with Claude, Twilio and Stripe played by WireMock from {@code wiremock-stubs/}. A shopper goes
 * from hello to a paid order; Stripe's signed webhook confirms it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnthropicStripeJourneyTest {

    static final IsolatedApp APP = IsolatedApp.create("anthropic-journey", 4);
    static final String STRIPE_SECRET = "whsec_test_journey_0123456789abcdefghijkl";
    static final TwilioStub TWILIO = APP.twilio();
    static final WireMockServer CLAUDE = started("wiremock-stubs/anthropic");
    static final WireMockServer STRIPE = started("wiremock-stubs/stripe");

    static WireMockServer started(String stubs) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().usingFilesUnderDirectory(stubs));
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        CLAUDE.stop();
        STRIPE.stop();
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.llm.provider", () -> "anthropic");
        registry.add("shopkeeper.llm.anthropic.api-key", () -> "sk-ant-test-journey");
        registry.add("shopkeeper.llm.anthropic.base-url", CLAUDE::baseUrl);
        registry.add("shopkeeper.payment.provider", () -> "stripe");
        registry.add("shopkeeper.payment.stripe.api-key", () -> "sk_test_journey0123456789");
        registry.add("shopkeeper.payment.stripe.api-base-url", STRIPE::baseUrl);
        registry.add("shopkeeper.payment.stripe.webhook-secret", () -> STRIPE_SECRET);
    }

    @LocalServerPort int port;
    @Autowired ProductService products;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired TransitionLog transitions;
    @Autowired OrderRepository orders;
    @Autowired PaymentService payments;
    @Autowired MeterRegistry meters;

    @Test
    void helloToPaidOrderWithClaudeAndStripe() {
        products.create(new ProductDraft("JRN-LAMP", "Brass Desk Lamp", "A warm brass lamp.", Money.of("34.90", "USD"),
                List.of("Home", "Lighting"), "https://example.com/lamp.jpg", true, Map.of("material", "Brass")));
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Grace");

        assertThat(shopper.say("journey hello there")).isEqualTo("Hello! What can I find for you today?");
        assertThat(shopper.say("journey i want a brass lamp")).contains("1. *Brass Desk Lamp* – $34.90");
        assertThat(shopper.say("journey the first please")).contains("*Brass Desk Lamp*").contains("Material: Brass");
        assertThat(shopper.say("journey two of those")).contains("Added 2 × *Brass Desk Lamp*").contains("$69.80");
        assertThat(shopper.say("journey checkout now")).contains("Total: *$69.80*");
        String link = shopper.say("journey send the link");
        assertThat(link).contains("https://checkout.stripe.com/");

        var userId = shoppers.findByAddress(shopper.phone).orElseThrow().id();
        var conversation = conversations.findLatest(userId, "twilio").orElseThrow();
        assertThat(conversation.state()).isEqualTo(State.AWAITING_PAYMENT);
        Order order = orders.latestForUser(userId, 1).getFirst();
        String session = payments.forOrder(order.id()).getLast().paymentId();

        // Stripe tells us the session was paid, signed as Stripe signs.
        int before = shopper.replies().size();
        String event = StripeEvents.event("checkout.session.completed", session, order.id(), "complete", "paid");
        var webhook = http.withHeader("Stripe-Signature", StripeEvents.signature(event, STRIPE_SECRET, Instant.now().getEpochSecond()))
                .post("/webhook/payments/stripe", "application/json", event);
        assertThat(webhook.status()).isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received").contains("$69.80");
        assertThat(orders.find(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(conversations.find(conversation.id()).orElseThrow().state()).isEqualTo(State.BROWSING);

        assertThat(shopper.say("journey where is my order")).contains(order.reference()).contains("paid");

        assertThat(transitions.forConversation(conversation.id())).extracting(Transition::event).containsExactly(
                "search_products", "get_product_details", "add_to_cart", "create_order", "get_payment_link",
                "payment_confirmed", "check_order_status");

        // Claude was offered only what each state allows, with the static prefix marked for caching.
        var requests = CLAUDE.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("journey")).toList();
        // WireMock lists the newest first; the oldest request holding the text is the turn that sent it.
        String checkoutTurn = requests.stream().filter(b -> b.contains("journey send the link"))
                .reduce((newer, older) -> older).orElseThrow();
        assertThat(checkoutTurn).contains("\"get_payment_link\"").doesNotContain("\"add_to_cart\"").contains("cache_control");
        // Tokens and cost were recorded per turn.
        assertThat(meters.find("shopkeeper.llm.tokens").tag("type", "cache_read").counter().count()).isPositive();
        assertThat(meters.find("shopkeeper.llm.calls").tag("provider", "anthropic").counter().count()).isGreaterThanOrEqualTo(7);
    }
}
