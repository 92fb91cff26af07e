package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.catalog.search.ProductSearch;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import com.shopkeeper.support.WhatsAppShopper;
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
 * What goes wrong with a real model, through the real webhook: Claude (WireMock, from
 * wiremock-stubs/anthropic) proposing a call the state does not allow, checking out an empty
 * cart, a malformed tool call, and a timeout. Each shopper is new, so each history is its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnthropicRefusalsTest {

    static final IsolatedApp APP = IsolatedApp.create("anthropic-refusals", 5);
    static final WireMockServer CLAUDE = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .usingFilesUnderDirectory("wiremock-stubs/anthropic"));

    static {
        CLAUDE.start();
    }

    @AfterAll
    static void stop() {
        CLAUDE.stop();
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.llm.provider", () -> "anthropic");
        registry.add("shopkeeper.llm.anthropic.api-key", () -> "sk-ant-test-refusals");
        registry.add("shopkeeper.llm.anthropic.base-url", CLAUDE::baseUrl);
        // The "very slow" stub answers after 8 s: well past this, while every other answer is immediate.
        registry.add("shopkeeper.llm.anthropic.timeout", () -> "4s");
    }

    @LocalServerPort int port;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired TransitionLog transitions;
    @Autowired OrderRepository orders;
    @Autowired ProductService products;
    @Autowired ProductSearch search;
    @Autowired CartRepository carts;

    WhatsAppShopper shopper() {
        return new WhatsAppShopper(new Http("http://localhost:" + port, JsonMapper.builder().build()), APP.twilio(), "Lin");
    }

    Conversation conversation(WhatsAppShopper s) {
        return conversations.findLatest(shoppers.findByAddress(s.phone).orElseThrow().id(), "twilio").orElseThrow();
    }

    @Test
    void aCallTheStateDoesNotAllowAndAnEmptyCartCheckoutAreRefused() {
        var s = shopper();
        assertThat(s.say("journey pay right away")).contains("cart is empty");
        assertThat(conversation(s).state()).isEqualTo(State.BROWSING);
        Transition gated = transitions.forConversation(conversation(s).id()).getLast();
        assertThat(gated.event()).isEqualTo("create_order");
        assertThat(gated.reason()).isEqualTo("not_allowed_in_state");

        assertThat(s.say("journey show my cart")).contains("cart is empty");
        assertThat(conversation(s).state()).isEqualTo(State.CART);
        assertThat(s.say("journey checkout now")).contains("cart is empty");
        assertThat(transitions.forConversation(conversation(s).id()).getLast().reason()).isEqualTo("cart_empty");
        assertThat(orders.latestForUser(conversation(s).userId(), 5)).isEmpty();
    }

    /**
     * Issue 14, item 6: when Claude's call is not a call, or Claude does not answer in time, the
     * offline understanding serves the turn, and the transition it leads to says so.
     */
    @Test
    void aMalformedToolCallAndATimeoutAreServedByTheOfflineUnderstanding() {
        // Two shoppers: each stub answers by the words in the request, history included.
        var malformed = shopper();
        String first = malformed.say("I'd like lots of the blue one");
        assertThat(first).doesNotContain("didn't quite get that").doesNotContain("send that again");
        assertThat(carts.items(conversation(malformed).id())).as("nothing added on a guess").isEmpty();

        var slow = shopper();
        String answer = slow.say("journey takes forever, what's in my cart?");
        assertThat(answer).doesNotContain("send that again").contains("cart is empty");
        Transition viewed = transitions.forConversation(conversation(slow).id()).getLast();
        assertThat(viewed.event()).isEqualTo("view_cart");
        assertThat(viewed.reason()).isEqualTo("offline: model unavailable");
        for (var s : List.of(malformed, slow)) {
            assertThat(s.replies()).allSatisfy(r -> assertThat(r).doesNotContain("Exception").doesNotContain("anthropic"));
        }
    }

    @Test
    void aSoldOutItemIsRefusedAndARemoveOfTheLastItemGoesBackToBrowsing() {
        products.create(new ProductDraft("AR-KETTLE", "Moonstone Kettle", "a stovetop kettle", Money.of("39.00", "USD"),
                List.of("Kitchen"), null, false, Map.of()));
        products.create(new ProductDraft("AR-TEAPOT", "Cobalt Teapot", "a blue glazed teapot", Money.of("25.00", "USD"),
                List.of("Kitchen"), null, true, Map.of()));
        Eventually.until(() -> !search.searchProducts("Moonstone Kettle", null, null, 1).isEmpty()
                && !search.searchProducts("Cobalt Teapot", null, null, 1).isEmpty());

        // A product's whole name, never shown, names it (its words are in no other name): the add runs, and is
        // refused when the product is sold out. A word that only fits is shown to confirm (EngineJourneyTest).
        var soldOut = shopper();
        assertThat(soldOut.say("journey add the moonstone kettle")).contains("out of stock");
        Conversation c = conversation(soldOut);
        assertThat(c.state()).isEqualTo(State.BROWSING);
        assertThat(carts.items(c.id())).isEmpty();
        Transition refused = transitions.forConversation(c.id()).getLast();
        assertThat(refused.event()).isEqualTo("add_to_cart");
        assertThat(refused.reason()).isEqualTo("out_of_stock");

        var changesMind = shopper();
        assertThat(changesMind.say("journey add the cobalt teapot")).contains("Added");
        Conversation withTeapot = conversation(changesMind);
        assertThat(conversation(changesMind).state()).isEqualTo(State.CART);
        assertThat(carts.items(withTeapot.id())).hasSize(1);
        assertThat(changesMind.say("journey remove the teapot")).contains("Removed *Cobalt Teapot*").contains("cart is empty");
        assertThat(conversation(changesMind).state()).isEqualTo(State.BROWSING);
        assertThat(carts.items(withTeapot.id())).isEmpty();
        assertThat(transitions.forConversation(withTeapot.id()).stream().map(t -> t.from() + " " + t.event() + " " + t.to()))
                .containsExactly("BROWSING add_to_cart CART", "CART remove_from_cart BROWSING");
    }
}
