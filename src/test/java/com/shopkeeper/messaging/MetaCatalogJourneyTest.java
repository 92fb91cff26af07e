package com.shopkeeper.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductFilter;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.MetaStub;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.web.PageOf;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, catalog orders, through the Cloud API's real webhook on a shop with a Meta commerce
 * catalog ({@code shopkeeper.meta.catalog-id}): search results go as a multi-product message and a
 * product's details as a product message (both checked against Meta's documented shapes); a cart
 * the shopper sends from the catalog (an {@code order} message) becomes cart lines by sku at the
 * shop's prices, whatever prices the message quotes, and checks out as usual.
 */
class MetaCatalogJourneyTest {

    static final String CATALOG_ID = "1098765432101234";

    static MetaStub meta;
    static PrivateRedis redis;
    static ConfigurableApplicationContext app;
    static Http http;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        meta = MetaStub.start();
        redis = PrivateRedis.start(false);
        Map<String, String> props = new HashMap<>(meta.properties());
        props.putAll(Map.of(
                "shopkeeper.meta.catalog-id", CATALOG_ID,
                "shopkeeper.processor", "engine",
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true"));
        app = TestApps.start(Files.createTempDirectory("meta-catalog"), redis.url(), props, ctx -> { });
        http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        redis.close();
        meta.server().stop();
    }

    static Conversation conversation(CloudApiShopper shopper) {
        String userId = app.getBean(ShopperRepository.class).findByAddress(shopper.e164()).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(userId, "meta").orElseThrow();
    }

    static List<CartLine> cart(CloudApiShopper shopper) {
        return app.getBean(Carts.class).lines(conversation(shopper).id());
    }

    /** The bodies of the interactive messages sent to this shopper, in order. */
    static List<JsonNode> interactives(CloudApiShopper shopper) {
        var sent = new java.util.ArrayList<>(meta.server().findAll(postRequestedFor(urlPathMatching("/v[0-9.]+/"
                + MetaStub.PHONE_NUMBER_ID + "/messages"))).stream().map(r -> JSON.readTree(r.getBodyAsString()))
                .filter(b -> b.path("to").asString().equals(shopper.waId))
                .filter(b -> b.path("type").asString().equals("interactive")).toList());
        return sent;
    }

    static Product bySku(String sku) {
        return app.getBean(ProductService.class).findBySku(sku).orElseThrow();
    }

    static Product inStock(int index) {
        return app.getBean(ProductService.class).list(new ProductFilter(null, true), new PageOf.Request(0, 10)).items().get(index);
    }

    static Product outOfStock() {
        return app.getBean(ProductService.class).list(new ProductFilter(null, false), new PageOf.Request(0, 1)).items().getFirst();
    }

    @Test
    void searchResultsGoAsAMultiProductMessageAndDetailsAsAProductMessageOfOurSkus() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Noor");
        String results = shopper.say("do you have backpacks");
        assertThat(results).contains("[products: SK-");

        JsonNode list = interactives(shopper).stream()
                .filter(b -> b.path("interactive").path("type").asString().equals("product_list")).findFirst().orElseThrow();
        // Meta's documented shape: messaging_product, recipient_type, to, type interactive; a text header
        // (required, 60 at most), a body (1,024), and action {catalog_id, sections: [{title, product_items}]}.
        assertThat(list.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(list.path("recipient_type").asString()).isEqualTo("individual");
        JsonNode interactive = list.path("interactive");
        assertThat(interactive.path("header").path("type").asString()).isEqualTo("text");
        assertThat(interactive.path("header").path("text").asString().length()).isBetween(1, 60);
        assertThat(interactive.path("header").path("text").asString()).containsIgnoringCase("backpacks").doesNotContain("*");
        assertThat(interactive.path("body").path("text").asString()).isNotBlank().hasSizeLessThanOrEqualTo(1024)
                .contains("1. *");
        JsonNode action = interactive.path("action");
        assertThat(action.path("catalog_id").asString()).isEqualTo(CATALOG_ID);
        assertThat(action.has("button")).isFalse();
        assertThat(action.path("sections").size()).isEqualTo(1);
        JsonNode section = action.path("sections").get(0);
        assertThat(section.path("title").asString().length()).isBetween(1, 24);
        assertThat(section.has("rows")).isFalse();
        JsonNode items = section.path("product_items");
        assertThat(items.size()).isBetween(1, 30);
        List<Product> shown = new java.util.ArrayList<>();
        items.forEach(item -> {
            assertThat(item.propertyNames()).containsExactly("product_retailer_id");
            shown.add(bySku(item.path("product_retailer_id").asString()));
        });
        // The products are the ones the numbered text lists, in its order.
        String body = interactive.path("body").path("text").asString();
        for (int i = 0; i < shown.size(); i++) {
            assertThat(body).contains((i + 1) + ". *" + shown.get(i).name() + "*");
        }
        assertThat(interactives(shopper)).noneMatch(b -> b.path("interactive").path("type").asString().equals("list"));

        // The numbered text still works: "1" shows the first product as a product message, then its buttons.
        int before = interactives(shopper).size();
        String details = shopper.say("1");
        assertThat(details).contains("[product " + shown.getFirst().sku() + "]").contains("[Add to cart]");
        List<JsonNode> sent = interactives(shopper).subList(before, interactives(shopper).size());
        assertThat(sent).hasSize(2);
        JsonNode product = sent.get(0);
        assertThat(product.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(product.path("interactive").path("type").asString()).isEqualTo("product");
        assertThat(product.path("interactive").path("action").path("catalog_id").asString()).isEqualTo(CATALOG_ID);
        assertThat(product.path("interactive").path("action").path("product_retailer_id").asString()).isEqualTo(shown.getFirst().sku());
        // A product message takes no buttons and no header: they follow in a button message, whose
        // picture is left to the catalog's card.
        assertThat(product.path("interactive").path("action").has("buttons")).isFalse();
        assertThat(product.path("interactive").has("header")).isFalse();
        JsonNode buttons = sent.get(1).path("interactive");
        assertThat(buttons.path("type").asString()).isEqualTo("button");
        assertThat(buttons.has("header")).isFalse();
        assertThat(buttons.path("body").path("text").asString()).contains(shown.getFirst().name());
        assertThat(conversation(shopper).state()).isEqualTo(State.PRODUCT_FOCUS);

        assertThat(shopper.tap("Add to cart")).contains("Added 1 ×");
        assertThat(cart(shopper)).extracting(l -> l.product().sku()).containsExactly(shown.getFirst().sku());
    }

    @Test
    void anOrderFromTheCatalogBecomesCartLinesAtOurPricesAndChecksOutAsUsual() {
        Product first = inStock(0);
        Product second = inStock(1);
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Ines");
        String currency = first.price().currencyCode();
        // The second line's price is not ours (the shopper's app, or someone, said 0.01): it is never used.
        String reply = shopper.order(CATALOG_ID, "for the cabin", List.of(
                CloudApiShopper.item(first.sku(), 2, first.price().amount().toPlainString(), currency),
                CloudApiShopper.item(second.sku(), 1, "0.01", currency)));

        Money expected = first.price().times(2).plus(second.price());
        assertThat(reply).contains("Your cart:")
                .contains("2 × *" + first.name() + "* – " + first.price().times(2).display())
                .contains("1 × *" + second.name() + "* – " + second.price().display())
                .contains("Total: *" + expected.display() + "*")
                .contains("[Checkout]")
                .doesNotContain("0.01").doesNotContain("couldn't add");
        assertThat(conversation(shopper).state()).isEqualTo(State.CART);
        assertThat(cart(shopper)).extracting(l -> l.product().sku(), CartLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.sku(), 2), org.assertj.core.groups.Tuple.tuple(second.sku(), 1));
        // The conversation's record says what came in: the lines by sku and the shopper's note, no price.
        List<com.shopkeeper.conversation.Message> said = app.getBean(com.shopkeeper.conversation.MessageRepository.class)
                .recent(conversation(shopper).id(), 10);
        assertThat(said).anySatisfy(m -> assertThat(m.content()).isEqualTo("WhatsApp cart: 2 × " + first.sku() + ", 1 × "
                + second.sku() + ". Note: for the cabin"));
        List<Transition> log = app.getBean(TransitionLog.class).forConversation(conversation(shopper).id());
        assertThat(log).anySatisfy(t -> {
            assertThat(t.event()).isEqualTo("add_lines");
            assertThat(t.outcome()).isEqualTo(Transition.Outcome.APPLIED);
            assertThat(t.from()).isEqualTo(State.BROWSING);
            assertThat(t.to()).isEqualTo(State.CART);
        });

        assertThat(shopper.tap("Checkout")).contains("is ready").contains(expected.display()).contains("[Pay now]");
        String link = shopper.tap("Pay now");
        assertThat(link).contains("/pay/").contains(expected.display());
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = shopper.replies().size();
        assertThat(http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");

        Order order = app.getBean(OrderRepository.class).forConversation(conversation(shopper).id()).getFirst();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.total().amount()).isEqualByComparingTo(expected.amount());
        assertThat(order.items()).extracting(i -> i.unitPrice().amount().toPlainString(), i -> i.quantity())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.price().amount().toPlainString(), 2),
                        org.assertj.core.groups.Tuple.tuple(second.price().amount().toPlainString(), 1));
    }

    @Test
    void anOrderWithSkusWeCannotAddAddsTheRestAndSaysWhichItCouldNot() {
        Product known = inStock(2);
        Product soldOut = outOfStock();
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Rui");
        String currency = known.price().currencyCode();
        // More than one product's line may hold: what fits goes in, and the reply says so.
        int most = com.shopkeeper.llm.FunctionCalls.MAX_QUANTITY;
        String reply = shopper.order(CATALOG_ID, null, List.of(
                CloudApiShopper.item("NO-SUCH-SKU-9", 1, "5.00", currency),
                CloudApiShopper.item(known.sku(), most + 6, known.price().amount().toPlainString(), currency),
                CloudApiShopper.item(soldOut.sku(), 1, soldOut.price().amount().toPlainString(), currency)));

        assertThat(reply).contains("I couldn't add").contains("NO-SUCH-SKU-9 (not in our shop)")
                .contains("*" + soldOut.name() + "* (" + soldOut.sku() + ", out of stock)")
                .contains("I added " + most + " × *" + known.name() + "*")
                .contains(most + " × *" + known.name() + "* – " + known.price().times(most).display())
                .contains("[Checkout]");
        assertThat(cart(shopper)).extracting(l -> l.product().sku(), CartLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(known.sku(), most));
        assertThat(conversation(shopper).state()).isEqualTo(State.CART);
    }

    @Test
    void anOrderOfNothingWeCanAddChangesNothingAndSaysSo() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Ana");
        shopper.say("do you have candles");
        String details = shopper.say("1");
        assertThat(details).contains("[product ");
        assertThat(conversation(shopper).state()).isEqualTo(State.PRODUCT_FOCUS);
        Product soldOut = outOfStock();

        String reply = shopper.order(CATALOG_ID, null, List.of(
                CloudApiShopper.item("GONE-1", 2, "10.00", "USD"),
                CloudApiShopper.item("GONE-2", 1, "12.00", "USD"),
                CloudApiShopper.item(soldOut.sku(), 1, "1.00", "USD")));

        assertThat(reply).contains("nothing from your order could go in your cart")
                .contains("GONE-1 (not in our shop)").contains("GONE-2 (not in our shop)")
                .contains(soldOut.sku() + ", out of stock").doesNotContain("Your cart:").doesNotContain("[Checkout]");
        assertThat(cart(shopper)).isEmpty();
        Conversation c = conversation(shopper);
        assertThat(c.state()).isEqualTo(State.PRODUCT_FOCUS);
        Transition last = app.getBean(TransitionLog.class).forConversation(c.id()).getLast();
        assertThat(last.event()).isEqualTo("add_lines");
        assertThat(last.outcome()).isEqualTo(Transition.Outcome.REFUSED);
        assertThat(last.reason()).isEqualTo("nothing_to_add");
    }
}
