package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Event;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.llm.BotWords;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine through the real pipeline: signed Twilio webhooks in, Redis queue, workers, SQLite,
 * Twilio (WireMock) out; the model is scripted so each test says exactly what it proposes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineJourneyTest {

    static final IsolatedApp APP = IsolatedApp.create("engine", 8);
    static final TwilioStub TWILIO = APP.twilio();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.processor", () -> "engine");
        registry.add("shopkeeper.shop.delivery", () -> "We deliver in 2-4 working days; free over $50.");
    }

    @TestConfiguration
    static class Model {
        @Bean
        @Primary
        ScriptedLlm scriptedLlm() {
            return new ScriptedLlm();
        }

        /** Notes, at each payment link the provider is asked for, whether a database transaction was open. */
        @Bean
        static org.springframework.beans.factory.config.BeanPostProcessor watchPaymentProvider() {
            return new org.springframework.beans.factory.config.BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof com.shopkeeper.payment.PaymentProvider provider)) {
                        return bean;
                    }
                    return new com.shopkeeper.payment.PaymentProvider() {
                        public String name() {
                            return provider.name();
                        }

                        public com.shopkeeper.payment.PaymentLink generatePaymentLink(com.shopkeeper.order.Order order,
                                com.shopkeeper.payment.LinkAttempt attempt) {
                            LINKS_ASKED_IN_A_TRANSACTION.add(org.springframework.transaction.support.TransactionSynchronizationManager
                                    .isActualTransactionActive());
                            return provider.generatePaymentLink(order, attempt);
                        }

                        public com.shopkeeper.payment.PaymentStatus checkPaymentStatus(String paymentId) {
                            return provider.checkPaymentStatus(paymentId);
                        }

                        public com.shopkeeper.payment.PaymentEvent readWebhook(String payload,
                                java.util.function.Function<String, String> headers) {
                            return provider.readWebhook(payload, headers);
                        }

                        public void cancel(String paymentId) {
                            provider.cancel(paymentId);
                        }
                    };
                }
            };
        }
    }

    static final List<Boolean> LINKS_ASKED_IN_A_TRANSACTION = new java.util.concurrent.CopyOnWriteArrayList<>();

    @LocalServerPort int port;
    @Autowired ScriptedLlm model;
    @Autowired ProductService products;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired TransitionLog transitions;
    @Autowired CartRepository carts;
    @Autowired OrderRepository orders;

    final String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);

    WhatsAppShopper shopper;
    String phone;

    Http http() {
        return new Http("http://localhost:" + port, JsonMapper.builder().build());
    }

    @BeforeEach
    void newShopper() {
        shopper = new WhatsAppShopper(http(), TWILIO, "Ada Lovelace");
        phone = shopper.phone;
    }

    Product product(String name, String price, boolean inStock) {
        return products.create(new ProductDraft(null, name + " " + word, "A fine " + name + ".", Money.of(price, "USD"),
                List.of("Home", "Lighting"), "https://example.com/" + word + ".jpg", inStock, Map.of("color", "Blue")));
    }

    String say(String text) {
        return shopper.say(text);
    }

    Conversation conversation() {
        String userId = shoppers.findByAddress(phone).orElseThrow().id();
        return conversations.findLatest(userId, "twilio").orElseThrow();
    }

    List<Transition> log() {
        return transitions.forConversation(conversation().id());
    }

    @Test
    void fromSearchToPaidOrder() {
        Product lamp = product("Desk Lamp", "24.50", true);
        product("Floor Lamp", "80.00", true);

        assertThat(say("hi")).contains("Hi Ada!");
        String found = say("call:search_products {\"query\":\"" + word + " lamp\"}");
        assertThat(found).contains("1. *").contains("Desk Lamp " + word);
        assertThat(conversation().state()).isEqualTo(State.BROWSING);

        int deskIndex = found.indexOf("Desk Lamp") < found.indexOf("Floor Lamp") ? 1 : 2;
        assertThat(say("call:get_product_details {\"product\":\"" + deskIndex + "\"}")).contains("*Desk Lamp " + word + "*").contains("$24.50");
        assertThat(conversation().state()).isEqualTo(State.PRODUCT_FOCUS);
        // The picture with the details as its caption, then the buttons (a quick-reply takes no picture).
        var sent = TWILIO.requestsTo(phone);
        assertThat(sent.get(sent.size() - 2).getBodyAsString()).contains("MediaUrl=");
        assertThat(sent.getLast().getBodyAsString()).contains("ContentSid=HX");

        assertThat(say("call:add_to_cart {\"quantity\":2}")).contains("Added 2 × *Desk Lamp").contains("$49.00");
        assertThat(conversation().state()).isEqualTo(State.CART);

        // What the model is offered now is what CART allows, and nothing else.
        assertThat(model.lastRequestByText.get("call:add_to_cart {\"quantity\":2}").tools())
                .doesNotContain(Event.CREATE_ORDER, Event.REMOVE_FROM_CART, Event.GET_PAYMENT_LINK);

        // The model's idea of a price never matters: the total comes from the catalog.
        String order = say("call:create_order {}");
        assertThat(order).contains("Total: *$49.00*");
        assertThat(conversation().state()).isEqualTo(State.CHECKOUT);
        // With items in the cart and no order yet: the cart's functions offered, the order status not.
        var beforeOrder = model.lastRequestByText.get("call:create_order {}");
        assertThat(beforeOrder.tools()).contains(Event.CREATE_ORDER, Event.VIEW_CART, Event.REMOVE_FROM_CART)
                .doesNotContain(Event.CHECK_ORDER_STATUS);
        assertThat(beforeOrder.context()).contains("Orders: none");

        LINKS_ASKED_IN_A_TRANSACTION.clear();
        String link = say("call:get_payment_link {}");
        // The provider (Stripe: a network call) is asked outside any transaction: a slow answer never
        // holds SQLite's write lock, which every other shopper's turn needs.
        assertThat(LINKS_ASKED_IN_A_TRANSACTION).containsExactly(false);
        var afterOrder = model.lastRequestByText.get("call:get_payment_link {}");
        assertThat(afterOrder.tools()).contains(Event.CHECK_ORDER_STATUS, Event.GET_PAYMENT_LINK);
        assertThat(afterOrder.context()).doesNotContain("Orders: none");
        assertThat(conversation().state()).isEqualTo(State.AWAITING_PAYMENT);
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int sentBeforePaying = TWILIO.sentTo(phone).size();
        var paid = http().post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay");
        assertThat(paid.status()).isEqualTo(200);

        String confirmation = Eventually.until(() -> {
            List<String> all = TWILIO.sentTo(phone);
            return all.size() > sentBeforePaying ? all.getLast() : null;
        }, "the payment confirmation");
        assertThat(confirmation).startsWith("Payment received").contains("$49.00");
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(orders.latestForUser(conversation().userId(), 1).getFirst().status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.latestForUser(conversation().userId(), 1).getFirst().total()).isEqualTo(Money.of("49.00", "USD"));
        assertThat(lamp.price()).isEqualTo(Money.of("24.50", "USD"));

        assertThat(log()).extracting(t -> t.event() + ":" + t.to()).containsExactly(
                "search_products:BROWSING", "get_product_details:PRODUCT_FOCUS", "add_to_cart:CART",
                "create_order:CHECKOUT", "get_payment_link:AWAITING_PAYMENT", "payment_confirmed:BROWSING");
    }

    @Test
    void aCallTheStateDoesNotAllowIsRefusedWithNoSideEffect() {
        say("call:search_products {\"query\":\"" + word + "\"}");
        String reply = say("call:create_order {}");
        assertThat(reply).contains("cart is empty");
        Transition refused = log().getLast();
        assertThat(refused.outcome()).isEqualTo(Transition.Outcome.REFUSED);
        assertThat(refused.event()).isEqualTo("create_order");
        assertThat(refused.reason()).isEqualTo("not_allowed_in_state");
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
        assertThat(orders.latestForUser(conversation().userId(), 5)).isEmpty();

        // An intent the model understood but was not offered is refused on the same edge.
        say("intent:get_payment_link");
        assertThat(log().getLast().event()).isEqualTo("get_payment_link");
        assertThat(log().getLast().outcome()).isEqualTo(Transition.Outcome.REFUSED);
    }

    @Test
    void anEmptyCartCheckoutIsRefused() {
        assertThat(say("call:view_cart {}")).contains("cart is empty");
        assertThat(conversation().state()).isEqualTo(State.CART);
        assertThat(say("call:create_order {}")).contains("cart is empty");
        assertThat(log().getLast().reason()).isEqualTo("cart_empty");
        assertThat(conversation().state()).isEqualTo(State.CART);
    }

    @Test
    void anOutOfStockItemIsNotAdded() {
        String sku = "OOS-" + (100000 + ThreadLocalRandom.current().nextInt(899999));
        products.create(new ProductDraft(sku, "Sold Out Vase " + word, "A vase.", Money.of("30.00", "USD"),
                List.of("Home"), null, false, Map.of()));
        assertThat(say("call:add_to_cart {\"product\":\"" + sku + "\"}")).contains("out of stock");
        assertThat(log().getLast().reason()).isEqualTo("out_of_stock");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
    }

    /** A list puts what can be bought first: "the first one" is one the shopper can add; the sold-out match still shows, last. */
    @Test
    void theListShowsWhatIsInStockFirst() {
        products.create(new ProductDraft(null, "Velvet Slipper " + word + " " + word, "Velvet slippers.", Money.of("30.00", "USD"),
                List.of("Home"), null, false, Map.of()));
        Product felt = product("Felt Slipper", "25.00", true);
        String list = say("call:search_products {\"query\":\"" + word + " slipper\"}");
        assertThat(list).contains("1. *Felt Slipper").containsPattern("\\d\\. \\*Velvet Slipper [^\\n]*\\(out of stock\\)");
        say("call:add_to_cart {\"product\":\"1\"}");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo(felt.id()));
    }

    /**
     * A name a shown product has only in part ("the Brewtown thermal flask" when the list showed a
     * Brewtown mug) is not that product: the catalog's product whose name says it, and no other's, is
     * the one shown, and the one an add puts in the cart.
     */
    @Test
    void aNameAShownProductHasOnlyInPartIsNotThatProduct() {
        Product mug = product("Commuter Mug", "14.00", true);
        Product flask = product("Thermal Flask", "22.00", true);
        assertThat(say("call:search_products {\"query\":\"commuter mug " + word + "\",\"limit\":1}"))
                .contains("1. *Commuter Mug").doesNotContain("Flask");
        assertThat(say("call:get_product_details {\"product\":\"" + word + " thermal flask\"}")).contains("Thermal Flask " + word);

        say("call:search_products {\"query\":\"commuter mug " + word + "\",\"limit\":1}");
        String added = say("call:add_to_cart {\"product\":\"" + word + " thermal flask\"}");
        assertThat(added).contains("Added 1 × *Thermal Flask " + word);
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo(flask.id()).isNotEqualTo(mug.id()));
    }

    /**
     * "The pink one" with nothing on screen and no kind searched for names no product: a pink hair dryer had been shown to a
     * shopper asking about e-readers. A sku removes its own line.
     */
    @Test
    void aColourAloneOffScreenIsAskedAboutAndASkuRemovesItsLine() {
        String sku = "HD-" + (100000 + ThreadLocalRandom.current().nextInt(899999));
        products.create(new ProductDraft(sku, "Pink Hair Dryer " + word, "A dryer.", Money.of("40.00", "USD"),
                List.of("Beauty"), null, true, Map.of("color", "Pink")));
        newShopper(); // nothing on screen, nothing searched
        String pink = say("call:get_product_details {\"product\":\"pink\"}");
        assertThat(pink).doesNotContain("Hair Dryer");
        assertThat(say("call:add_to_cart {}")).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();

        assertThat(say("call:add_to_cart {\"product\":\"" + sku + "\",\"quantity\":2}")).contains("Added 2 ×");
        assertThat(say("call:remove_from_cart {\"product\":\"" + sku.toLowerCase(java.util.Locale.ROOT) + "\"}"))
                .contains("Removed");
        assertThat(carts.items(conversation().id())).isEmpty();
    }

    /** "The $23.99 one", "the 24 dollar one": the shown product at that price; two at one price are a question. */
    @Test
    void aPriceSaysWhichShownProduct() {
        product("Birch Candle", "23.99", true);
        Product dearer = product("Cedar Candle", "31.50", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " candle\"}")).contains("Birch Candle").contains("Cedar Candle");
        assertThat(say("call:get_product_details {\"product\":\"$23.99\"}")).startsWith("*Birch Candle " + word + "*");
        say("call:search_products {\"query\":\"" + word + " candle\"}");
        assertThat(say("call:add_to_cart {\"product\":\"31 dollar\"}")).contains("Added 1 × *Cedar Candle " + word);
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(dearer.id()));
    }

    /**
     * "The cheapest mouse" of a list with keyboards on it is the cheapest mouse, not the cheapest thing shown; a kind the list
     * does not hold is no guess among the others (twenty-second stop, dev-y).
     */
    @Test
    void theCheapestOfAKindOnAMixedList() {
        product("Aluminum Keyboard", "15.00", "A keyboard.", Map.of("color", "Silver", "type", "keyboard"));
        Product mouse = product("Contour Mouse", "18.49", "A mouse.", Map.of("color", "White", "type", "mouse"));
        product("Trackball Mouse", "54.99", "A mouse.", Map.of("color", "Black", "type", "mouse"));
        assertThat(say("call:search_products {\"query\":\"" + word + "\"}")).contains("Aluminum Keyboard").contains("Contour Mouse");
        assertThat(say("call:add_to_cart {\"product\":\"cheapest lamp\",\"quantity\":1} -- The cheapest lamp, one piece"))
                .doesNotContain("Added");
        assertThat(say("call:add_to_cart {\"product\":\"cheapest mouse\",\"quantity\":1} -- The cheapest mouse, one piece"))
                .startsWith("Added 1 × *Contour Mouse");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(mouse.id());
    }

    /**
     * "How long is the strand?" while looking at string lights names no laptop Stand: an ordinary English word is never read
     * as a catalog word one letter away (twenty-third stop, dev-zb; the stand had come into focus and three were added).
     */
    @Test
    void anOrdinaryWordIsNoTypoOfACatalogWord() {
        Product lights = product("Lumiere Solar String Lights", "14.99", "Lights on a 30 foot strand.", Map.of("type", "string lights"));
        product("Easel Laptop Stand", "45.99", "A stand.", Map.of("type", "laptop stand"));
        say("call:search_products {\"query\":\"" + word + " string lights\"}");
        assertThat(say("call:get_product_details {\"product\":\"lumiere\"} -- the lumiere one")).startsWith("*" + lights.name() + "*");
        assertThat(say("call:get_product_details {\"product\":\"strand\"} -- How long is the strand, roughly?")).doesNotContain("Laptop Stand");
    }

    /**
     * "+ Kit metal stapler qty 2" with organizers listed and one in the cart: a count of a product named whole (every word
     * in its name and in no other's) that no line is, is an add of that many; a line it names is set (twenty-fourth stop,
     * dev-zc: "That isn't in your cart" had answered).
     */
    @Test
    void aCountOfAProductNamedWholeThatNoLineIsIsAnAdd() {
        Product organizer = product("Orson Metal Mesh Organizer", "13.99", "An organizer.", Map.of("type", "desk organizer"));
        Product stapler = product("Quillby Stapler", "15.00", "A stapler.", Map.of("type", "stapler"));
        say("call:search_products {\"query\":\"" + word + " organizer\"}");
        assertThat(say("call:add_to_cart {\"product\":\"1\",\"quantity\":3} -- #1 x3")).startsWith("Added 3 ×");
        assertThat(say("call:set_quantity {\"product\":\"quillby stapler " + word + "\",\"quantity\":2} -- + Quillby stapler qty 2"))
                .startsWith("Added 2 × *" + stapler.name() + "*");
        assertThat(say("call:set_quantity {\"product\":\"quillby stapler " + word + "\",\"quantity\":4} -- Quillby stapler qty 4"))
                .startsWith("Now 4 ×");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId, CartItem::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(organizer.id(), 3), org.assertj.core.groups.Tuple.tuple(stapler.id(), 4));
    }

    /** "Sorry, the expensive one I mean. Delete it": of the cart's lines, the one that costs more (dev-zh). */
    @Test
    void theExpensiveOneOfTheCartIsTheLineThatCostsMore() {
        Product cheap = product("Lark Amber Jar Candle", "12.00", "A candle.", Map.of("type", "candle"));
        Product dear = product("Kinsley Soy Candle", "34.00", "A candle.", Map.of("type", "candle"));
        say("call:search_products {\"query\":\"" + word + " candle\"}");
        say("call:add_to_cart {\"product\":\"lark amber jar candle " + word + "\",\"quantity\":2} -- 2 of the lark");
        say("call:add_to_cart {\"product\":\"kinsley soy candle " + word + "\"} -- and the kinsley");
        assertThat(say("call:remove_from_cart {\"product\":\"expensive\"} -- Sorry, the expensive one I mean. Delete it"))
                .startsWith("Removed *" + dear.name() + "*");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId, CartItem::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(cheap.id(), 2));
    }

    /**
     * "Drop the cheaper string lights" with gloves cheaper still in the cart: of the lines of that kind, the cheaper (it had
     * taken out the gloves, the cheapest line of all; dev-zh).
     */
    @Test
    void theCheaperOfAKindInTheCartIsOfThatKind() {
        Product dear = product("Northglow Globe String Lights", "55.99", "Lights.", Map.of("type", "string lights"));
        Product cheap = product("Halden Flint Globe String Lights", "40.95", "Lights.", Map.of("type", "string lights"));
        Product gloves = product("Emery Garden Gloves", "14.00", "Gloves.", Map.of("type", "gloves"));
        say("call:search_products {\"query\":\"" + word + " string lights\"}");
        say("call:add_to_cart {\"product\":\"northglow " + word + "\",\"quantity\":10} -- 10 of the northglow");
        say("call:add_to_cart {\"product\":\"halden " + word + "\",\"quantity\":8} -- 8 of the halden");
        say("call:search_products {\"query\":\"" + word + " gloves\"}");
        say("call:add_to_cart {\"product\":\"emery " + word + "\",\"quantity\":12} -- 12 emery");
        assertThat(say("call:remove_from_cart {\"product\":\"cheaper string lights\"} -- Drop the cheaper string lights"))
                .startsWith("Removed *" + cheap.name() + "*");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId)
                .containsExactlyInAnyOrder(dear.id(), gloves.id());
    }

    /**
     * "the stackable walnut ones" with a walnut organizer in focus and a stackable one beside it on the list: each has a word
     * the other lacks, so the question, not the one in focus (it had been added; dev-zg).
     */
    @Test
    void wordsThatTwoProductsEachFitInPartAreAQuestionNotTheOneInFocus() {
        Product walnut = product("Focus Rotating Desk Organizer in Walnut Brown", "53.95", "An organizer.", Map.of("type", "desk organizer"));
        Product stackable = product("Inkwell Stackable Drawer Organizer in White", "46.99", "An organizer.", Map.of("type", "desk organizer"));
        say("call:search_products {\"query\":\"" + word + " organizer\"}");
        assertThat(say("call:get_product_details {\"product\":\"walnut\"} -- the walnut ones?")).startsWith("*" + walnut.name() + "*");
        assertThat(say("call:add_to_cart {\"product\":\"stackable walnut\",\"quantity\":6} -- We'll go with the stackable walnut ones, 6 as well"))
                .startsWith("Which one").contains(walnut.name()).contains(stackable.name());
        assertThat(carts.items(conversation().id())).isEmpty();
        // the words of one of them alone still say it
        assertThat(say("call:add_to_cart {\"product\":\"walnut\",\"quantity\":6} -- the walnut one, 6")).startsWith("Added 6 × *" + walnut.name() + "*");
    }

    /** A name copied whole from the list, then "show me that one": the name says which, not the product in focus (dev-zg). */
    @Test
    void aNameCopiedFromTheListSaysWhichAPointerMeans() {
        Product lark = product("Lark Monitor Arm", "126.95", "An arm.", Map.of("type", "monitor arm"));
        Product heavy = product("Heavy-Duty Dual Monitor Arm by Workform (Silver)", "107.00", "An arm.", Map.of("type", "monitor arm"));
        say("call:search_products {\"query\":\"" + word + " monitor arm\"}");
        assertThat(say("call:get_product_details {\"product\":\"1\"} -- 1")).startsWith("*" + lark.name() + "*");
        assertThat(say("call:get_product_details {} -- " + heavy.name() + " - show me that one, just curious"))
                .startsWith("*" + heavy.name() + "*");
    }

    /**
     * "The pink one, what's it made of?" while looking at a pink scooter, a pink puzzle on the list shown before it: the
     * one in focus, as a tie on the list goes to it (the list's had been shown, and "ok add that" then added the puzzle;
     * dev-zf).
     */
    @Test
    void aDescriptionThatFitsTheOneInFocusAsWellAsOneOnTheListIsTheOneInFocus() {
        Product puzzle = product("Pocket Jigsaw Puzzle in Hot Pink", "10.00", "A puzzle.", Map.of("type", "jigsaw puzzle", "color", "Hot Pink"));
        product("Pocket Jigsaw Puzzle in Purple", "21.99", "A puzzle.", Map.of("type", "jigsaw puzzle", "color", "Purple"));
        Product scooter = product("Tinker Scooter in Hot Pink", "37.99", "A scooter.", Map.of("type", "scooter", "color", "Hot Pink"));
        say("call:search_products {\"query\":\"" + word + " jigsaw puzzle\"}");
        assertThat(say("call:get_product_details {\"product\":\"tinker scooter " + word + "\"} -- also a scooter, the kind with three wheels"))
                .startsWith("*" + scooter.name() + "*");
        assertThat(say("call:get_product_details {\"product\":\"pink\"} -- the pink one, what's it made of?")).startsWith("*" + scooter.name() + "*");
        assertThat(say("call:add_to_cart {} -- ok add that")).startsWith("Added 1 × *" + scooter.name() + "*");
        // a word only the list's has says it
        assertThat(say("call:get_product_details {\"product\":\"pink puzzle\"} -- the pink puzzle")).startsWith("*" + puzzle.name() + "*");
    }

    /**
     * "Could I have the anvil ones?" with two anvil pruners listed for "pruning shears", one of them named so: both are of
     * the kind asked (by type), so which is asked, not the one whose name repeats the search (dev-zf, a wrong product).
     */
    @Test
    void aNameTwoOfTheKindAskedShareIsAQuestion() {
        String kind = "pruning shears " + word;
        product("Anvil Pruning Shears by Fieldstone", "18.99", "Shears.", Map.of("type", kind));
        product("Delphine Garden Secateurs", "36.99", "Shears.", Map.of("type", kind));
        product("Terrace Anvil Bypass Pruners", "22.99", "Shears.", Map.of("type", kind));
        say("call:search_products {\"query\":\"" + kind + "\"}");
        assertThat(say("call:add_to_cart {\"product\":\"anvil\"} -- Could I have the anvil ones?")).startsWith("Which one do you mean?")
                .contains("Anvil Pruning Shears").contains("Terrace Anvil Bypass Pruners").doesNotContain("Delphine");
        assertThat(carts.items(conversation().id())).isEmpty();
    }

    /**
     * "Which one?" after an add, answered with bare words that one of the choices has in its name ("semi-automatic."): that
     * one, added with the count asked for, not a new search (dev-zf); a question with the same words is no answer.
     */
    @Test
    void bareWordsOfOneChoiceAnswerWhichAndCompleteTheAdd() {
        Product semi = product("Stillwater Semi-Automatic Espresso Machine", "153.99", true);
        product("Manual Espresso Machine by Stillwater", "181.99", true);
        say("call:search_products {\"query\":\"" + word + " espresso machine\"}");
        String answer = "semi-automatic " + word + ".";
        model.on(answer, "search_products {\"query\":\"semi-automatic " + word + "\"}");
        model.on("is any of them semi-automatic " + word + "?", "search_products {\"query\":\"semi-automatic " + word + "\"}");
        assertThat(say("call:add_to_cart {\"product\":\"stillwater espresso machine\",\"quantity\":2}")).startsWith(BotWords.WHICH_ONE);
        assertThat(say("is any of them semi-automatic " + word + "?")).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        say("call:search_products {\"query\":\"" + word + " espresso machine\"}");
        assertThat(say("call:add_to_cart {\"product\":\"stillwater espresso machine\",\"quantity\":2}")).startsWith(BotWords.WHICH_ONE);
        assertThat(say(answer)).startsWith("Added 2 × *" + semi.name() + "*");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(2));
    }

    /**
     * "Which one do you mean?" answered by naming one, then a remark: "The ergonomic one. My wrist is not what it was." and
     * "The thousand-piece one. Well, the Wonderbox thousand-piece, to be precise." complete the add; the "what" of a remark
     * asks nothing ("The ergonomic one, what is it made of?" still does, and is shown).
     */
    @Test
    void anAnswerToWhichWithARemarkAfterItCompletesTheAdd() {
        Product ergonomic = product("Quillon Ergonomic Mouse | White", "18.49", true);
        product("Quillon Aluminum Bluetooth Mouse", "54.99", true);
        say("call:search_products {\"query\":\"" + word + " quillon mouse\"}");
        assertThat(say("call:add_to_cart {\"product\":\"quillon mouse\",\"quantity\":1}")).startsWith(BotWords.WHICH_ONE);
        assertThat(say("call:get_product_details {\"product\":\"ergonomic\"} -- The ergonomic one, what is it made of?"))
                .doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        say("call:search_products {\"query\":\"" + word + " quillon mouse\"}");
        assertThat(say("call:add_to_cart {\"product\":\"quillon mouse\",\"quantity\":1}")).startsWith(BotWords.WHICH_ONE);
        assertThat(say("call:get_product_details {\"product\":\"ergonomic\"} -- The ergonomic one. My wrist is not what it was."))
                .startsWith("Added 1 × *" + ergonomic.name() + "*");
        Product thousand = product("Wonderbox 1000-Piece Jigsaw Puzzle in Purple", "21.99", "A puzzle.", Map.of("type", "jigsaw puzzle"));
        product("Kite & Kin 500-Piece Puzzle in Purple", "22.99", "A puzzle.", Map.of("type", "jigsaw puzzle"));
        say("call:search_products {\"query\":\"" + word + " jigsaw puzzle\"}");
        assertThat(say("call:add_to_cart {\"product\":\"purple\"} -- I'll take the purple one.")).startsWith(BotWords.WHICH_ONE);
        assertThat(say("call:get_product_details {\"product\":\"thousand-piece\"} -- The thousand-piece one. Well, the Wonderbox "
                + "thousand-piece, to be precise.")).startsWith("Added 1 × *" + thousand.name() + "*");
    }

    /**
     * "red rain boots" lists the Wellington boots that are rain boots by their type and red by their colour, beside the ones
     * whose name says "Rain Boots" (dev-zj: a list of one had made "the red pair in 36" sure of the wrong pair).
     */
    @Test
    void aKindByItsTypeAndAColourByItsAttributeAreListed() {
        product("Marlow Natural Rubber Rain Boots, EU 36", "41.99", "Boots.", Map.of("type", "rain boots", "color", "Red"));
        product("Jasper Rubber Wellington Boots, EU 36", "31.99", "Boots.", Map.of("type", "rain boots", "color", "Red"));
        product("Kestrel Lined Rubber Boots in Sky Blue", "118.99", "Boots.", Map.of("type", "rain boots", "color", "Sky Blue"));
        assertThat(say("call:search_products {\"query\":\"" + word + " red rain boots\"}")).contains("Marlow Natural Rubber Rain Boots")
                .contains("Jasper Rubber Wellington Boots");
        assertThat(say("call:add_to_cart {\"product\":\"red\"} -- the red pair in 36, add")).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
    }

    /**
     * "the blue one, 2 pcs" after "sonique slim": of two midnight blue products listed, the charger the whole search names,
     * not the Sonique fitness band, another type, that shares only the maker's name with it. Two of one type ("greer" of two
     * Greer candles after "greer scented candle") are still asked about.
     */
    @Test
    void aTieGoesToTheOneTheWholeSearchNamesWhenTheOtherIsAnotherType() {
        Product charger = product("Sonique Slim Portable Charger in Midnight Blue", "17.99", "A charger.",
                Map.of("type", "portable charger", "color", "Midnight Blue"));
        product("Slim Portable Charger by Sonique (White)", "55.00", "A charger.", Map.of("type", "portable charger", "color", "White"));
        product("Sonique Dalton Fitness Band - Midnight Blue Silicone", "59.00", "A band.", Map.of("type", "fitness band", "color", "Midnight Blue"));
        assertThat(say("call:search_products {\"query\":\"" + word + " sonique slim\"}")).contains("Sonique Dalton Fitness Band");
        assertThat(say("call:add_to_cart {\"product\":\"blue\",\"quantity\":2} -- Yung blue po, 2 pcs"))
                .startsWith("Added 2 × *" + charger.name() + "*");
        product("Atelier Nest Greer Scented Candle - Coconut Wax", "26.95", "A candle.", Map.of("type", "scented candle"));
        product("Greer Coconut Wax Soy Candle", "23.99", "A candle.", Map.of("type", "scented candle"));
        say("call:search_products {\"query\":\"" + word + " greer scented candle\"}");
        assertThat(say("call:add_to_cart {\"product\":\"greer\"} -- Greer ➕")).startsWith(BotWords.WHICH_ONE);
    }

    /** "The one in the middle": of three shown the second; of four, the two in the middle asked between. */
    @Test
    void theOneInTheMiddle() {
        product("Aster Field Guide", "10.00", "A guide.", Map.of("type", "book"));
        Product middle = product("Birch Field Guide", "11.00", "A guide.", Map.of("type", "book"));
        product("Cedar Field Guide", "12.00", "A guide.", Map.of("type", "book"));
        say("call:search_products {\"query\":\"" + word + " field guide\"}");
        assertThat(say("call:get_product_details {\"product\":\"middle\"} -- the one in the middle")).startsWith("*" + middle.name() + "*");
        product("Dogwood Field Guide", "13.00", "A guide.", Map.of("type", "book"));
        say("call:search_products {\"query\":\"" + word + " field guide\"}");
        assertThat(say("call:get_product_details {\"product\":\"middle\"} -- the middle one")).startsWith("Which one do you mean?")
                .contains("Birch Field Guide").contains("Cedar Field Guide").doesNotContain("Aster Field Guide");
    }

    /**
     * "Which one do you mean?" after an add, answered "the Glow Theory one?": the rise of the voice asks nothing, the add is
     * done ("is the Glow Theory one matte?" would be a question, and shown).
     */
    @Test
    void anAnswerWithAQuestionMarkStillAnswers() {
        product("Sheer Liquid Lipstick, Classic Red", "20.00", "A lipstick.", Map.of("color", "Classic Red", "type", "lipstick"));
        Product glow = product("Satin Lipstick by Glow Theory (Classic Red)", "32.95", "A lipstick.",
                Map.of("color", "Classic Red", "type", "lipstick", "brand", "Glow Theory"));
        say("call:search_products {\"query\":\"" + word + " lipstick\"}");
        assertThat(say("call:add_to_cart {\"product\":\"classic red\"} -- can I get the classic red one")).startsWith("Which one do you mean?");
        assertThat(say("call:get_product_details {\"product\":\"glow theory\"} -- the Glow Theory one?"))
                .startsWith("Added 1 × *Satin Lipstick by Glow Theory");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(glow.id());
    }

    /**
     * A kind searched for lists what is of that kind by its type as well as by its name ("vacuum flasks": the thermos), and
     * who or what it is for ranks but does not filter ("night light for the kids room": every night light, the kids' first).
     */
    @Test
    void aKindByItsTypeAndWhoItIsForRanksButDoesNotFilter() {
        product("Steel Vacuum Flask", "27.95", "A flask.", Map.of("color", "Steel", "type", "vacuum flask"));
        product("Leakproof Steel Thermos, Sage Green", "24.00", "Keeps tea hot.", Map.of("color", "Sage Green", "type", "vacuum flask"));
        assertThat(say("call:search_products {\"query\":\"" + word + " vacuum flasks\"}")).contains("Steel Vacuum Flask")
                .contains("Leakproof Steel Thermos");
        product("Kids Night Light, Hot Pink", "26.95", "A night light.", Map.of("color", "Hot Pink", "type", "night light"));
        product("Moon Plug-In Night Light", "8.00", "A night light.", Map.of("color", "Orange", "type", "night light"));
        assertThat(say("call:search_products {\"query\":\"" + word + " night light for the kids room\"}")).contains("Kids Night Light")
                .contains("Moon Plug-In Night Light");
    }

    /**
     * "Count me in for the walnut one" with three walnut organizers listed is a question: "in" and "for" join the sentence and
     * tell no name apart (an organizer "in Walnut Brown" had been added; twenty-second stop, dev-z).
     */
    @Test
    void wordsThatJoinASentenceTellNoNameApart() {
        product("Rotating Desk Organizer in Walnut Brown", "53.95", "An organizer.", Map.of("color", "Walnut Brown", "type", "desk organizer"));
        Product linden = product("Linden Stackable Walnut Desktop Organizer, Walnut Brown", "14.00", "An organizer.",
                Map.of("color", "Walnut Brown", "type", "desk organizer"));
        product("Acrylic Desktop Organizer, Walnut Brown", "52.95", "An organizer.", Map.of("color", "Walnut Brown", "type", "desk organizer"));
        say("call:search_products {\"query\":\"" + word + " walnut desk organizer\"}");
        assertThat(say("call:add_to_cart {\"product\":\"walnut\"} -- Count me in for the walnut one")).startsWith(BotWords.WHICH_ONE);
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:add_to_cart {\"product\":\"linden\"} -- The Linden one, the stackable one")).startsWith("Added 1 × *Linden");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(linden.id());
    }

    private Product product(String name, String price, String description, Map<String, Object> attributes) {
        return products.create(new ProductDraft(null, name + " " + word, description, Money.of(price, "USD"), List.of("Sports"),
                null, true, attributes));
    }

    /**
     * What a shown product is like says which one (sixth stop of 2026-12-05): every word said in one product's
     * attributes and in no other's ("the royal blue one"), or, where no name or attribute has them, in one product's
     * description alone ("the ionic one"). One attribute word alone is a guess: that product is shown, not added.
     */
    @Test
    void whatAShownProductIsLikeSaysWhichOne() {
        Product blue = product("Nova Foam Block", "21.99", "A block for supported poses.", Map.of("color", "Royal Blue", "type", "yoga block"));
        Product ionic = product("Marlow Foam Block", "30.99", "Beveled edges and an ionic finish.", Map.of("color", "White", "type", "yoga block"));
        String search = "call:search_products {\"query\":\"" + word + " foam block\"}";
        assertThat(say(search)).contains("Nova Foam Block").contains("Marlow Foam Block");
        assertThat(say("call:add_to_cart {\"product\":\"royal blue\",\"quantity\":2}")).contains("Added 2 × *Nova Foam Block");
        say(search);
        assertThat(say("call:add_to_cart {\"product\":\"ionic\"}")).contains("Added 1 × *Marlow Foam Block");
        say(search);
        assertThat(say("call:add_to_cart {\"product\":\"white\"}")).as("one attribute word: shown to confirm")
                .startsWith("*Marlow Foam Block").doesNotContain("Added");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId, CartItem::quantity)
                .containsExactlyInAnyOrder(tuple(blue.id(), 2), tuple(ionic.id(), 1));
    }

    /** "Which one do you mean?" answered by what one choice is like (one attribute word, among the few asked about): it is added. */
    @Test
    void whatAChoiceIsLikeAnswersWhichOne() {
        Product red = product("Alder Tumbler", "10.00", "A tumbler.", Map.of("color", "Red"));
        product("Birch Tumbler", "12.00", "A tumbler.", Map.of("color", "Green"));
        say("call:search_products {\"query\":\"" + word + " tumbler\"}");
        assertThat(say("call:add_to_cart {\"quantity\":2}")).startsWith("Which one do you mean?");
        assertThat(say("call:add_to_cart {\"product\":\"red\"}")).contains("Added 2 × *Alder Tumbler");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(red.id()));
    }

    /**
     * One attribute word is a guess to confirm, but not for the product whose details are on screen and say it: "which
     * one is the bamboo one?" showed it, and "ok add the bamboo one" adds it.
     */
    @Test
    void anAttributeOfTheProductInFocusIsNoGuess() {
        product("Summit Block", "34.00", "A firm block.", Map.of("material", "Bamboo", "type", "yoga block"));
        product("Zephyr Block", "30.95", "A soft block.", Map.of("material", "Foam", "type", "yoga block"));
        say("call:search_products {\"query\":\"" + word + " block\"}");
        assertThat(say("call:get_product_details {\"product\":\"bamboo\"}")).startsWith("*Summit Block").doesNotContain("Added");
        assertThat(say("call:add_to_cart {\"product\":\"bamboo\"}")).contains("Added 1 × *Summit Block");
        say("call:search_products {\"query\":\"" + word + " block\"}");
        assertThat(say("call:add_to_cart {\"product\":\"foam\"}")).as("nothing in focus: shown to confirm")
                .startsWith("*Zephyr Block").doesNotContain("Added");
    }

    /**
     * "add one", "Which one do you mean?", then "the red one" that two of the choices are: the add still waits, and the
     * answer to the second question ("the cheaper red one") completes it, as many as were asked for.
     */
    @Test
    void anAddWaitsThroughASecondQuestion() {
        product("Willa Lipstick Red", "20.00", true);
        Product cheaper = product("Greer Lipstick Red", "11.99", true);
        product("Granger Lipstick Pink", "14.00", true);
        say("call:search_products {\"query\":\"" + word + " lipstick\"}");
        assertThat(say("call:add_to_cart {\"quantity\":2}")).startsWith(BotWords.WHICH_ONE);
        assertThat(say("call:get_product_details {\"product\":\"red\"}")).startsWith(BotWords.WHICH_ONE).doesNotContain("Pink");
        assertThat(say("call:get_product_details {\"product\":\"cheaper red\"}")).contains("Added 2 × *Greer Lipstick Red");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(cheaper.id()));
    }

    /**
     * "Add one" after a list: the one product the search named only when no other on it is of that kind by its type (two
     * trackers typed "fitness tracker", one named so, are a question, not the one whose name says it).
     */
    @Test
    void oneOfAListIsAskedWhenAnotherIsOfTheKindByItsType() {
        product("Zephyr Fitness Tracker", "29.95", "A band.", Map.of("type", word + " fitness tracker"));
        product("Haven Activity Tracker", "35.99", "A band.", Map.of("type", word + " fitness tracker"));
        say("call:search_products {\"query\":\"" + word + " fitness tracker\"}");
        assertThat(say("call:add_to_cart {\"quantity\":1}")).startsWith(BotWords.WHICH_ONE);
        assertThat(carts.items(conversation().id())).isEmpty();
        // looked at alone (after a new search: a look right after the question would answer it), then the list again:
        // "add 1" is the one looked at
        say("call:search_products {\"query\":\"" + word + " fitness tracker\"}");
        assertThat(say("call:get_product_details {\"product\":\"haven\"}")).startsWith("*Haven Activity Tracker");
        assertThat(carts.items(conversation().id())).isEmpty();
        String lookedAt = conversation().activeProductId();
        say("call:search_products {\"query\":\"" + word + " fitness tracker\"}");
        assertThat(say("call:add_to_cart {\"quantity\":1}")).contains("Added 1 × *Haven Activity Tracker");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(lookedAt));
    }

    /** How a thing is sold is not what it is: "dumbbell sets" lists the dumbbell sets, not a railway set for its "set". */
    @Test
    void aSetIsNoKindOfItsOwn() {
        product("Wildgrove Dumbbell Set", "43.99", true);
        product("Peakform Dumbbell Set", "169.99", true);
        product("Aria Railway Set", "39.95", true);
        assertThat(say("call:search_products {\"query\":\"dumbbell sets\"}")).contains("Wildgrove Dumbbell Set")
                .contains("Peakform Dumbbell Set").doesNotContain("Railway");
    }

    /**
     * "remove the Hollis" with a Hollis hoodie and Hollis trunks in the cart: which one is asked, and nothing is taken out;
     * the answer ("the hoodie") completes the remove.
     */
    @Test
    void aNameTwoLinesShareIsAQuestion() {
        Product hoodie = product("Hollis Hoodie", "30.00", "A hoodie.", Map.of("color", "Cherry Red", "type", "hoodie"));
        Product trunks = product("Hollis Swim Trunks", "16.99", "Swim trunks.", Map.of("color", "Lime Green", "type", "swim trunks"));
        say("call:search_products {\"query\":\"" + word + " hollis\"}");
        say("call:add_to_cart {\"product\":\"hollis hoodie\"}");
        say("call:add_to_cart {\"product\":\"hollis swim trunks\"}");
        assertThat(carts.items(conversation().id())).hasSize(2);
        assertThat(say("call:remove_from_cart {\"product\":\"hollis\"}")).startsWith("Which one do you mean?")
                .contains("Hollis Hoodie").contains("Hollis Swim Trunks");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactlyInAnyOrder(hoodie.id(), trunks.id());
        // the answer names one of the two: that line is taken out, the other stays
        assertThat(say("call:get_product_details {\"product\":\"hoodie\"}")).contains("Removed *Hollis Hoodie");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(trunks.id());
    }

    /**
     * The words read as the product's name fit two products on the list, and another word of the message says which
     * (nineteenth stop, dev-t: "I take one of the Lark in the amber jar" read as "amber jar"). Words that point both ways
     * ("the Lark in silver", the silver one being the Sierra) or a message that speaks of another product too ("my old
     * Sierra one broke") leave it a question.
     */
    @Test
    void anotherWordOfTheMessageSaysWhichOfTwo() {
        Product lark = product("Lark Amber Jar Candle", "55.99", "A soy candle.", Map.of("color", "Amber", "type", "candle"));
        Product sierra = product("Sierra Amber Jar Candle", "58.00", "A coconut wax candle.", Map.of("color", "Silver", "type", "candle"));
        say("call:search_products {\"query\":\"" + word + " candle\"}");
        assertThat(say("call:add_to_cart {\"product\":\"amber jar\"} -- the amber jar one, the Lark but in silver"))
                .startsWith("Which one do you mean?");
        assertThat(say("call:add_to_cart {\"product\":\"amber jar\"} -- the amber jar one please, my old Sierra one broke"))
                .startsWith("Which one do you mean?");
        assertThat(carts.items(conversation().id())).isEmpty();
        say("call:search_products {\"query\":\"" + word + " candle\"}");
        // a look: the one the other words say is shown
        assertThat(say("call:get_product_details {\"product\":\"amber jar\"} -- the amber jar sierra, what is it like"))
                .contains("*Sierra Amber Jar Candle");
        assertThat(conversation().activeProductId()).isEqualTo(sierra.id());
        say("call:search_products {\"query\":\"" + word + " candle\"}");
        assertThat(say("call:add_to_cart {\"product\":\"amber jar\"} -- I take one of the Lark in the amber jar"))
                .contains("Added 1 × *Lark Amber Jar Candle");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(lark.id());
    }

    /**
     * A word the catalog names products by is never read as a typo of a word on screen (2026-12-07, dev-x: "the Fable one"
     * with jump ropes listed added two of the Steel Cable rope); a British spelling names the product an American one does.
     */
    @Test
    void aCatalogWordIsNoTypoAndGreyIsGray() {
        products.create(new ProductDraft(null, "Fable Waterproof Speaker " + new StringBuilder(word).reverse(), "A speaker.", Money.of("45.00", "USD"),
                List.of("Electronics"), null, true, Map.of("color", "Sage")));
        Product rope = product("Rowan Steel Cable Rope", "15.00", "A jump rope.", Map.of("color", "Lime Green", "type", "jump rope"));
        say("call:search_products {\"query\":\"" + word + " rope\"}");
        assertThat(say("call:add_to_cart {\"product\":\"fable\",\"quantity\":2} -- the Fable one, a couple of em ta")).doesNotContain("Rowan");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).doesNotContain(rope.id());
        say("call:clear_cart {}");
        Product gray = product("Oslo Wool Throw, Gray", "39.00", "A throw.", Map.of("color", "Gray", "type", "throw"));
        product("Oslo Cotton Throw, Navy", "29.00", "A throw.", Map.of("color", "Navy", "type", "throw"));
        assertThat(say("call:add_to_cart {\"product\":\"oslo grey wool throw\"}")).contains("Added 1 × *Oslo Wool Throw, Gray");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(gray.id());
        // a kind said with digits in it, after a price word: "the cheaper 4K one" of two 4K webcams and a 1080p one
        product("Nimbus 4K Webcam", "43.95", "A webcam.", Map.of("color", "Silver", "type", "webcam"));
        product("Mesa 4K Webcam", "81.00", "A webcam.", Map.of("color", "White", "type", "webcam"));
        product("Linden 1080p Webcam", "19.99", "A webcam.", Map.of("color", "Pink", "type", "webcam"));
        say("call:search_products {\"query\":\"" + word + " webcam\"}");
        assertThat(say("call:get_product_details {\"product\":\"cheaper 4k\"}")).startsWith("*Nimbus 4K Webcam");
    }

    /**
     * A hyphenated word the name has no part of is one word said, not three, and a number in words is a size or a count,
     * never another product's name: "the Hudson forty-twos" names the Hudson shoes on the list (twenty-first stop, dev-v:
     * they were shown to confirm, as a name said in part). A hyphenated word that another product's name has is still a
     * name said in part: "the 60-piece Tinker" with a Tinker train set listed is the Tinker 60-Piece railway of the catalog
     * (dev-t: the railway was the one meant, and the listed set's details say "60 track pieces"); "the 4-person one" adds
     * no 2-Person tent.
     */
    @Test
    void aHyphenatedWordIsOneWordSaidUnlessItNamesAnother() {
        product("Remy Road Running Shoes, Purple, EU 38", "61.99", "Shoes.", Map.of("color", "Purple", "type", "running shoes"));
        Product hudson = product("Hudson Cushioned Running Shoes, Purple, EU 42", "61.99", "Shoes.", Map.of("color", "Purple", "type", "running shoes"));
        products.create(new ProductDraft(null, "Two Rivers Camp Mug " + new StringBuilder(word).reverse(), "A mug.", Money.of("12.00", "USD"),
                List.of("Kitchen"), null, true, Map.of("type", "mug")));
        say("call:search_products {\"query\":\"" + word + " running shoes\"}");
        assertThat(say("call:add_to_cart {\"product\":\"hudson forty-twos\"} -- the Hudson forty-twos are mine"))
                .startsWith("Added 1 × *Hudson Cushioned");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(hudson.id());
        Product railway = products.create(new ProductDraft(null, "Tinker 60-Piece Railway " + new StringBuilder(word).reverse(), "A railway.",
                Money.of("120.00", "USD"), List.of("Toys"), null, true, Map.of("type", "railway set")));
        product("Tinker Toy Train Set, Beech Wood", "96.99", "It includes 60 track pieces.", Map.of("type", "railway set"));
        say("call:search_products {\"query\":\"" + word + " tinker\"}");
        assertThat(say("call:add_to_cart {\"product\":\"60-piece tinker\"} -- add the 60-piece Tinker")).startsWith("Added 1 × *Tinker 60-Piece Railway");
        product("Trail Tent 2-Person", "120.00", "A tent.", Map.of("type", "tent"));
        say("call:search_products {\"query\":\"" + word + " tent\"}");
        assertThat(say("call:add_to_cart {\"product\":\"4-person\"}")).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactlyInAnyOrder(hudson.id(), railway.id());
    }

    /**
     * "Not the kids one. The other space gray": of the choices a question would list, the ones the message rules out are
     * gone, and of those left the one of the kind the search asked for (twenty-first stop, dev-x: the same question was
     * asked twice). Words that rule out nothing leave the question as it was.
     */
    @Test
    void notTheOneRuledOutButTheOther() {
        product("Kids Electric Toothbrush, Space Gray", "20.99", "A toothbrush.", Map.of("color", "Space Gray", "type", "electric toothbrush"));
        Product kai = product("Kai Electric Toothbrush, Space Gray", "37.99", "A toothbrush.", Map.of("color", "Space Gray", "type", "electric toothbrush"));
        product("RGB Keyboard, Space Gray", "61.00", "A keyboard.", Map.of("color", "Space Gray", "type", "keyboard"));
        say("call:search_products {\"query\":\"" + word + " electric toothbrush\"}");
        assertThat(say("call:add_to_cart {\"product\":\"space gray\",\"quantity\":1} -- Space gray one, one piece please"))
                .startsWith("Which one do you mean?");
        assertThat(say("call:add_to_cart {\"product\":\"space gray\",\"quantity\":1} -- Not the pink one. The space gray, one piece."))
                .startsWith("Which one do you mean?");
        assertThat(say("call:add_to_cart {\"product\":\"space gray\",\"quantity\":1} -- Not the kids one. The other space gray, one piece."))
                .startsWith("Added 1 × *Kai Electric Toothbrush");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactly(kai.id());
    }

    /**
     * A long word cut short names what it cuts ("the ergo one" of a Dalton Ergonomic mouse), and "colour" says nothing of
     * which ("the sand colour one" is the one in Sand, whatever Multi-Color product the catalog has), though a name on screen
     * that says "Color" is named by it; twenty-first stop, dev-x: both were shown to confirm, or not found.
     */
    @Test
    void aWordCutShortAndAColourSaidAsAColour() {
        Product ergo = product("Dalton Ergonomic Mouse", "18.49", "A mouse.", Map.of("color", "White", "type", "mouse"));
        product("Dalton Bluetooth Mouse", "54.99", "A mouse.", Map.of("color", "Black", "type", "mouse"));
        say("call:search_products {\"query\":\"" + word + " mouse\"}");
        assertThat(say("call:add_to_cart {\"product\":\"ergo\",\"quantity\":2} -- the ergo one, 2 of em, one for my duo"))
                .startsWith("Added 2 × *Dalton Ergonomic Mouse");
        products.create(new ProductDraft(null, "Multi-Color Tote " + new StringBuilder(word).reverse(), "A tote.", Money.of("12.00", "USD"),
                List.of("Bags"), null, true, Map.of("type", "tote")));
        Product sand = product("Mummy Sleeping Bag in Sand", "64.00", "A sleeping bag.", Map.of("color", "Sand", "type", "sleeping bag"));
        product("Mummy Sleeping Bag, Forest Green", "61.95", "A sleeping bag.", Map.of("color", "Forest Green", "type", "sleeping bag"));
        say("call:search_products {\"query\":\"" + word + " sleeping bag\"}");
        assertThat(say("call:add_to_cart {\"product\":\"sand colour\"} -- I stay with the sand colour one")).startsWith("Added 1 × *Mummy Sleeping Bag in Sand");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactlyInAnyOrder(ergo.id(), sand.id());
        // a shop's own "Color" in a name still names it
        product("Quanta Color E-Reader", "167.00", "An e-reader.", Map.of("color", "Sage Green", "type", "e-reader"));
        product("Quanta Mini Camera", "149.99", "A camera.", Map.of("color", "White", "type", "action camera"));
        say("call:search_products {\"query\":\"" + word + " quanta\"}");
        assertThat(say("call:get_product_details {\"product\":\"quanta color\"} -- Is the Quanta color one waterproof?"))
                .startsWith("*Quanta Color E-Reader");
    }

    /**
     * "the 22 dollar blue one": of the shown products at that price, the one the other words say; two at the price and no
     * word to choose between them is a question, and a price of the list before the question still says which (seventeenth
     * stop: picks by price, dev-t).
     */
    @Test
    void aPriceAndAWordSayWhichOne() {
        Product blue = product("Nova Block", "21.99", "A block for supported poses.", Map.of("color", "Royal Blue", "type", "yoga block"));
        product("Zen Block", "22.00", "A block for supported poses.", Map.of("color", "Purple", "type", "yoga block"));
        Product marlow = product("Marlow Block", "31.99", "A block for supported poses.", Map.of("color", "Blue", "type", "yoga block"));
        say("call:search_products {\"query\":\"" + word + " block\"}");
        assertThat(say("call:add_to_cart {\"product\":\"22 dollar\"}")).startsWith("Which one do you mean?").doesNotContain("Marlow");
        // the question narrowed the list to the two at $22: a price of the list before it still says which
        assertThat(say("call:add_to_cart {\"product\":\"31 dollar\"}")).contains("Added 1 × *Marlow Block");
        say("call:search_products {\"query\":\"" + word + " block\"}");
        assertThat(say("call:add_to_cart {\"product\":\"22 dollar blue\"}")).contains("Added 1 × *Nova Block");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactlyInAnyOrder(marlow.id(), blue.id());
    }

    /**
     * A count of a product an earlier list showed, that no cart line is ("I take one box of the Brooklyn stemless glasses"
     * once they were taken out and plates listed since): the add of that many, not "that isn't in your cart".
     */
    @Test
    void aCountOfAProductAnEarlierListShowedAddsIt() {
        Product glasses = product("Brooklyn Stemless Glasses", "91.00", true);
        product("Vale Wine Glasses", "96.99", true);
        Product plates = product("Piper Dinnerware Set", "54.99", true);
        say("call:search_products {\"query\":\"" + word + " glasses\"}");
        say("call:search_products {\"query\":\"" + word + " dinnerware\"}");
        assertThat(say("call:add_to_cart {\"product\":\"piper\"}")).contains("Added 1 × *Piper Dinnerware Set");
        assertThat(say("call:set_quantity {\"product\":\"brooklyn stemless glasses\",\"quantity\":1}"))
                .contains("Added 1 × *Brooklyn Stemless Glasses");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId).containsExactlyInAnyOrder(plates.id(), glasses.id());
    }

    /**
     * A count naming another maker's product of the same size ("And the Brightwell smart 4-pack, 2 of them." with a Monroe
     * 4-pack alone in the cart) changes no line: the words share "4-pack" with the line, and "Brightwell" names another product.
     */
    @Test
    void aCountNamingAnotherMakerLeavesTheLineOfTheSameSizeAlone() {
        Product monroe = product("Monroe Dimmable Bulb 4-Pack", "7.99", true);
        product("Brightwell Smart Bulb 4-Pack", "24.99", true);
        say("call:search_products {\"query\":\"" + word + " monroe\"}");
        assertThat(say("call:add_to_cart {\"product\":\"monroe\",\"quantity\":5}")).contains("Added 5 × *Monroe Dimmable Bulb 4-Pack");
        assertThat(say("call:set_quantity {\"product\":\"brightwell smart 4-pack\",\"quantity\":2}")).doesNotContain("Now 2 × *Monroe");
        assertThat(carts.items(conversation().id())).filteredOn(line -> line.productId().equals(monroe.id()))
                .singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(5));
    }

    /** "Which one do you mean?" after an add, answered "cheaper one": the cheaper of the two is added, no new search. */
    @Test
    void aPriceAnswersWhichOne() {
        product("Oak Board Game", "71.00", true);
        Product cheap = product("Pine Board Game", "19.00", true);
        say("call:search_products {\"query\":\"" + word + " board game\"}");
        assertThat(say("call:add_to_cart {\"quantity\":1}")).startsWith("Which one do you mean?");
        assertThat(say("call:search_products {\"refine\":true,\"change\":\"cheaper\"}")).contains("Added 1 × *Pine Board Game");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(cheap.id()));
    }

    /**
     * A product of an earlier list is named by its name after another list was shown ("tell me about the Quincy one" once
     * drawers were listed), and "another of the helmets" with rollers on screen is one more of the helmet in the cart.
     */
    @Test
    void earlierListsAndCartLinesAreWhatANameRefersTo() {
        Product quincy = product("Quincy Nightstand", "59.95", true);
        product("Harbor Nightstand", "380.00", true);
        product("Inkwell Drawer Organizer", "46.99", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " nightstand\"}")).contains("Quincy Nightstand");
        assertThat(say("call:search_products {\"query\":\"" + word + " drawer organizer\"}")).doesNotContain("Quincy");
        assertThat(say("call:get_product_details {\"product\":\"quincy\"}")).startsWith("*Quincy Nightstand " + word + "*");
        assertThat(conversation().activeProductId()).isEqualTo(quincy.id());

        Product helmet = product("Commuter Helmet", "69.95", true);
        product("Massage Roller", "42.99", true);
        say("call:search_products {\"query\":\"" + word + " helmet\"}");
        assertThat(say("call:add_to_cart {\"product\":\"commuter helmet\"}")).contains("Added 1 × *Commuter Helmet");
        assertThat(say("call:search_products {\"query\":\"" + word + " massage roller\"}")).doesNotContain("Helmet");
        assertThat(say("call:add_to_cart {\"product\":\"helmets\",\"quantity\":1}")).contains("Added 1 × *Commuter Helmet");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> {
            assertThat(line.productId()).isEqualTo(helmet.id());
            assertThat(line.quantity()).isEqualTo(2);
        });
    }

    /**
     * A place past the cart's lines is the list's ("3rd one down to 1" with two lines: the third product shown, which is
     * a line); "the cheap ones" is the cheapest line.
     */
    @Test
    void aPlaceOnTheListOrAPriceSaysWhichLine() {
        product("Alder Block", "10.00", true);
        product("Birch Block", "20.00", true);
        product("Cedar Block", "30.00", true);
        String search = "call:search_products {\"query\":\"" + word + " block\"}";
        String list = say(search);
        String third = list.substring(list.indexOf("3. *") + 4, list.indexOf('*', list.indexOf("3. *") + 4));
        say("call:add_to_cart {\"product\":\"1\"}");
        say(search);
        say("call:add_to_cart {\"product\":\"3\"}");
        say(search);
        assertThat(say("call:set_quantity {\"product\":\"3rd one\",\"quantity\":4}")).contains("Now 4 × *" + third);
        assertThat(say("call:set_quantity {\"product\":\"the cheap ones\",\"quantity\":2}")).contains("Now 2 × *Alder Block");
        assertThat(carts.items(conversation().id())).extracting(CartItem::quantity).containsExactlyInAnyOrder(2, 4);
    }

    /**
     * "How much is it" after a search that listed one product of what was asked for and something else beside it: the
     * one the search named. Two that both answer it are still a question.
     */
    @Test
    void itAfterASearchIsTheOneProductTheSearchNamed() {
        Product clock = product("Oversized Wall Clock", "97.95", true);
        product("Wall Mirror Rattan", "108.99", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " wall clock\"}")).contains("Wall Clock").contains("Wall Mirror");
        assertThat(say("call:add_to_cart {\"quantity\":2}")).contains("Added 2 × *Oversized Wall Clock");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(clock.id()));
        product("Round Wall Clock", "35.00", true);
        say("call:search_products {\"query\":\"" + word + " wall clock\"}");
        assertThat(say("call:add_to_cart {}")).startsWith(BotWords.WHICH_ONE);
    }

    /**
     * Words several products answer to, with none of them on screen, are shown as a list, not as the first of them: a
     * maker alone ("what costs the Vexa?"), and a kind two products are by their type though one name says it all.
     */
    @Test
    void wordsSeveralProductsAnswerToAreListed() {
        product("Vexa" + word + " Fitness Band", "59.00", true);
        product("Vexa" + word + " Reader", "250.00", true);
        assertThat(say("call:get_product_details {\"product\":\"vexa" + word + "\"}")).startsWith("Here's what I found")
                .contains("Fitness Band").contains("Reader");
        product("Travel Foam Roller", "15.00", "Textured.", Map.of("type", "foam roller"));
        product("Massage Roller", "42.99", "High density.", Map.of("type", "foam roller"));
        String asked = say("call:add_to_cart {\"product\":\"foam roller\"}");
        assertThat(asked).startsWith("Here's what I found").contains("Travel Foam Roller").contains("Massage Roller");
        assertThat(carts.items(conversation().id())).isEmpty();
    }

    /** A size is one word to the match: "the size S one" is the Size S harness, not the Size L one beside it. */
    @Test
    void aSizeSaysWhichOfTwoShownProducts() {
        product("No-Pull Harness, Size L", "29.95", true);
        Product small = product("Padded Harness, Size S", "26.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " harness\"}")).contains("Size L").contains("Size S");
        assertThat(say("call:add_to_cart {\"product\":\"size s\"}")).contains("Added 1 × *Padded Harness, Size S");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(small.id()));
    }

    /** "The Quorra aluminium" is not the shown Brisk aluminium keyboard when Quorra is another product's name: shown, not added. */
    @Test
    void aNameWordOfAnotherProductRulesOutTheOneShown() {
        Product shown = product("Brisk Aluminium Keyboard", "48.00", true);
        product("Quorra Wireless Mouse", "25.00", true);
        assertThat(say("call:search_products {\"query\":\"brisk aluminium keyboard " + word + "\",\"limit\":1}"))
                .contains("Brisk Aluminium Keyboard");
        assertThat(say("call:add_to_cart {\"product\":\"quorra aluminium\"}")).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:add_to_cart {\"product\":\"brisk aluminium\"}")).contains("Added");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(line -> assertThat(line.productId()).isEqualTo(shown.id()));
    }

    /** "The white one" of a list that shows only a pink one is not the pink one, however well the rest of its name fits. */
    @Test
    void aColourSaidRulesOutAShownProductOfAnotherColour() {
        Product pink = product("Ridgeback Trail Camera, Blush Pink", "70.00", true);
        product("Ridgeback Trail Camera, White", "95.00", true);
        assertThat(say("call:search_products {\"query\":\"ridgeback trail camera " + word + "\",\"max_price\":80}"))
                .contains("Blush Pink").doesNotContain("White");
        String white = say("call:add_to_cart {\"product\":\"white ridgeback\"}");
        assertThat(white).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:add_to_cart {\"product\":\"pink ridgeback\"}")).contains("Added");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo(pink.id()));
    }

    /**
     * A list holds the kind searched for, not a product merely near it (so "the cheapest one" is the
     * cheapest lamp, not a pen); a refinement keeps its subject, and says so when nothing of it is
     * left rather than listing products that are merely near it.
     */
    @Test
    void aListAndItsRefinementsKeepToTheKindSearchedFor() {
        product("Desk Lamp", "30.00", true);
        product("Tall Desk Lamp", "45.00", true);
        product("Pen", "1.00", true);
        String list = say("call:search_products {\"query\":\"" + word + " desk lamp\"}");
        assertThat(list).contains("Desk Lamp " + word).contains("Tall Desk Lamp " + word).doesNotContain("Pen " + word);
        assertThat(say("call:get_product_details {\"product\":\"the cheapest one\"}")).startsWith("*Desk Lamp " + word + "*");

        // A plural is its singular on both sides: "harnesses" is the kind a "Harness" is.
        product("Padded Harness", "20.00", true);
        product("Dog Bowl", "9.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " dog harnesses\"}")).contains("Padded Harness " + word);

        say("call:search_products {\"query\":\"" + word + " desk lamp\"}");
        String under = say("call:search_products {\"query\":\"anything\",\"max_price\":20}");
        assertThat(under).doesNotContain("Pen " + word).doesNotContain("1. *");

        // As closely as the list kept to it: every word the shown names said, not half of them ("board").
        product("Cutting Board", "80.00", true);
        product("Board Game", "19.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " cuting board\"}")).contains("Cutting Board " + word);
        assertThat(say("call:search_products {\"query\":\"anything\",\"max_price\":60}"))
                .doesNotContain("Board Game " + word).doesNotContain("1. *");
    }

    /**
     * A list found by what its products are ("power bank" listed portable chargers, their type) keeps to that type
     * when refined: "cheaper" below the cheapest charger is no notebook near it to the vectors, but says none is left.
     */
    @Test
    void aRefinementKeepsToTheTypeTheListShowed() {
        product("Slim Portable Charger", "17.99", "Holds 20,000 mAh.", Map.of("type", "power bank " + word));
        product("Travel Portable Charger", "36.00", "Charges two devices.", Map.of("type", "power bank " + word));
        product("Dotted Notebook", "9.99", "A5, for notes on the go.", Map.of("type", "notebook"));
        assertThat(say("call:search_products {\"query\":\"power bank " + word + "\"}")).contains("Slim Portable Charger")
                .contains("Travel Portable Charger");
        String cheaper = say("call:search_products {\"refine\":true,\"change\":\"cheaper\"}");
        assertThat(cheaper).doesNotContain("Dotted Notebook").doesNotContain("1. *");
        // the list stays as it was: a name on it still says which
        assertThat(say("call:get_product_details {\"product\":\"the slim one\"}")).startsWith("*Slim Portable Charger");
    }

    @Test
    void removingLinesKeepsTheCartStateUntilTheLastGoes() {
        product("Red Mug", "8.00", true);
        product("Tea Pot", "21.00", true);
        String found = say("call:search_products {\"query\":\"" + word + "\"}");
        assertThat(found).contains("2. *");
        say("call:add_to_cart {\"product\":\"1\"}");
        say("call:add_to_cart {\"product\":\"2\"}");
        assertThat(carts.items(conversation().id())).hasSize(2);

        assertThat(say("call:remove_from_cart {\"product\":\"1\"}")).contains("Removed");
        assertThat(conversation().state()).isEqualTo(State.CART);
        assertThat(carts.items(conversation().id())).hasSize(1);

        assertThat(say("call:remove_from_cart {\"product\":\"1\"}")).contains("cart is empty now");
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
        assertThat(log().getLast().event() + ":" + log().getLast().to()).isEqualTo("remove_from_cart:BROWSING");
    }

    /**
     * Issue 14, item 2: a follow-up that names no product refines the last search, keeping its subject
     * ("cheaper?" once listed unrelated products); one that names a product is a new search.
     */
    @Test
    void aFollowUpRefinesTheLastSearch() {
        product("Brass Lamp", "80.00", true);
        product("Paper Lamp", "25.00", true);
        product("Blue Lamp", "40.00", true);
        products.create(new ProductDraft(null, "Spiral Notebook", "Lined paper.", Money.of("5.00", "USD"), List.of("Stationery"),
                null, true, Map.of()));
        assertThat(say("call:search_products {\"query\":\"" + word + " lamp\",\"min_price\":30}"))
                .contains("Brass Lamp").contains("Blue Lamp").doesNotContain("Paper Lamp");

        String cheaper = say("call:search_products {\"query\":\"cheaper ones?\"}");
        assertThat(cheaper).as("the subject kept, the price below what was shown").contains("Paper Lamp")
                .doesNotContain("Brass Lamp").doesNotContain("Blue Lamp");
        assertThat(say("call:search_products {\"query\":\"any cheaper\"}")).as("below the cheapest shown")
                .doesNotContain("Paper Lamp").doesNotContain("Blue Lamp").doesNotContain("Brass Lamp");

        say("call:search_products {\"query\":\"" + word + " lamp\"}");
        assertThat(say("call:search_products {\"query\":\"in blue\"}")).contains("Blue Lamp").contains("*" + word + " lamp blue*");
        String one = say("call:search_products {\"query\":\"" + word + " lamp\",\"limit\":1}");
        String shownName = one.substring(one.indexOf("1. *") + 4, one.indexOf('*', one.indexOf("1. *") + 4));
        String others = say("call:search_products {\"query\":\"any others?\"}");
        assertThat(others).contains("Lamp " + word).as("the one shown is left out").doesNotContain(shownName);
        assertThat(say("call:search_products {\"query\":\"spiral notebook\"}")).contains("Spiral Notebook");

        // Chat with no price, signal or colour is a new subject, unless the model says it refines.
        say("call:search_products {\"query\":\"" + word + " lamp\"}");
        assertThat(say("call:search_products {\"query\":\"ngl im broke\"}")).doesNotContain("Lamp");
        say("call:search_products {\"query\":\"" + word + " lamp\"}");
        assertThat(say("call:search_products {\"query\":\"ngl im broke\",\"refine\":true}")).as("the model said it refines")
                .contains("Lamp").contains("*" + word + " lamp*");
    }

    /**
     * A refinement that says how it changes the list in its own field needs no query: the subject is
     * the last search's. With no search before it there is nothing to refine, and the shopper is asked
     * what to look for, the state unchanged.
     */
    @Test
    void aRefinementNamesItsChangeWithoutAQuery() {
        assertThat(say("call:search_products {\"refine\":true,\"change\":\"cheaper\"}"))
                .isEqualTo("What are you looking for? Tell me the product, e.g. _lamp under 50_.");
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
        product("Brass Lamp", "80.00", true);
        product("Paper Lamp", "25.00", true);
        product("Blue Lamp", "40.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " lamp\",\"min_price\":30}"))
                .contains("Brass Lamp").contains("Blue Lamp").doesNotContain("Paper Lamp");
        assertThat(say("call:search_products {\"refine\":true,\"change\":\"cheaper\"}")).as("below what was shown")
                .contains("Paper Lamp").doesNotContain("Brass Lamp").doesNotContain("Blue Lamp");
        say("call:search_products {\"query\":\"" + word + " lamp\",\"max_price\":50}");
        assertThat(say("call:search_products {\"refine\":true,\"change\":\"pricier\"}")).as("above what was shown")
                .contains("Brass Lamp").doesNotContain("Paper Lamp").doesNotContain("Blue Lamp");
        say("call:search_products {\"query\":\"" + word + " lamp\"}");
        assertThat(say("call:search_products {\"max_price\":45,\"refine\":true}")).as("the subject kept, the new price applied")
                .contains("Paper Lamp").contains("Blue Lamp").doesNotContain("Brass Lamp");
    }

    /**
     * Issue 14, item 5: a question about the shop is answered from its settings, and one they do not
     * answer is never made up: a person is asked (flagged on the transition); neither changes the state.
     */
    @Test
    void shopQuestionsAreAnsweredFromTheSettingsOrLeftToAPerson() {
        say("call:view_cart {}");
        State before = conversation().state();
        assertThat(say("call:answer_shop_question {\"topic\":\"delivery\"}")).isEqualTo("We deliver in 2-4 working days; free over $50.");
        assertThat(log().getLast().event()).isEqualTo("answer_shop_question");
        assertThat(log().getLast().reason()).isNull();
        assertThat(say("call:answer_shop_question {\"topic\":\"hours\"}")).contains("a person from the shop");
        assertThat(log().getLast().reason()).isEqualTo("needs a person: hours question");
        assertThat(say("call:answer_shop_question {\"topic\":\"do you sell gift cards\"}")).contains("a person from the shop");
        assertThat(log().getLast().reason()).isEqualTo("needs a person: other question");
        assertThat(conversation().state()).isEqualTo(before);
    }

    /**
     * Issue 14, item 3: a name that fits two products on screen is a question with a numbered choice,
     * not the first of them; the number then picks from that choice.
     */
    @Test
    void aNameThatFitsTwoShownProductsIsAskedAbout() {
        product("Glazed Mug", "12.00", true);
        product("Glazed Bowl", "18.00", true);
        product("Linen Napkin", "6.00", true);
        say("call:search_products {\"query\":\"" + word + "\",\"limit\":3}");
        String asked = say("call:add_to_cart {\"product\":\"the glazed one\"}");
        assertThat(asked).startsWith("Which one do you mean?").contains("Glazed Mug").contains("Glazed Bowl")
                .doesNotContain("Napkin");
        assertThat(carts.items(conversation().id())).as("nothing added on a guess").isEmpty();
        assertThat(log().getLast().reason()).isEqualTo("ambiguous_product");
        String second = asked.lines().filter(l -> l.startsWith("2. *")).findFirst().orElseThrow();
        String name = second.substring(4, second.indexOf('*', 4));
        assertThat(say("call:add_to_cart {\"product\":\"2\"}")).contains("Added 1 ×").contains(name);
        assertThat(say("call:get_product_details {\"product\":\"napkin\"}")).contains("Linen Napkin");
    }

    /** A word of a name in another form ("with lid": the Lidded pan, "knit": the Knitted scarf) is that word. */
    @Test
    void aNameWordInAnotherFormStillNamesTheProduct() {
        product("Lidded Saucepan", "40.00", true);
        product("Santoku Knife", "30.00", true);
        product("Knitted Scarf", "25.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + "\"}")).contains("3. *");
        assertThat(say("call:add_to_cart {\"product\":\"lid\",\"quantity\":1}")).contains("Lidded Saucepan " + word);
        assertThat(say("call:get_product_details {\"product\":\"knit\"}")).startsWith("*Knitted Scarf " + word + "*");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.quantity()).isEqualTo(1));
    }

    /**
     * Two shown products that share only a word of a longer name ("the Quillmere yoga mat" against two
     * yoga blocks, one in focus) are neither: when the name fits more than one product of the catalog,
     * those it fits are listed to pick from (since the tenth stop; the one it said best had been shown as
     * if named), and nothing is added; words in one product's name and
     * no other's ("the Quillmere travel yoga mat") name it, and it is added. An add that names a kind
     * nothing on screen is ("a lipstick") lists that kind to pick from. A list keeps to the words as
     * written: a "water bottle" is no watering can.
     */
    @Test
    void aNameOnlyPartlyOnScreenOrAKindOffScreenIsNeverAdded() {
        Product block = product("Foam Yoga Block", "12.00", true);
        product("Cork Yoga Block", "15.00", true);
        product("Quillmere Yoga Mat", "30.00", true);
        Product travel = product("Quillmere Travel Yoga Mat", "34.00", true);
        String blocks = say("call:search_products {\"query\":\"" + word + " yoga block\",\"limit\":2}");
        assertThat(blocks).contains("Yoga Block " + word).doesNotContain("Yoga Mat");
        say("call:get_product_details {\"product\":\"1\"}");
        String named = say("call:add_to_cart {\"product\":\"quillmere yoga mat\"}");
        assertThat(named).contains("Quillmere Yoga Mat " + word).contains("Quillmere Travel Yoga Mat " + word)
                .doesNotContain("Yoga Block").doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:add_to_cart {\"product\":\"quillmere travel yoga mat\"}")).contains("Added 1 × *Quillmere Travel Yoga Mat");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo(travel.id()).isNotEqualTo(block.id()));

        product("Satin Lipstick", "14.00", true);
        product("Matte Lipstick", "12.00", true);
        newShopper(); // nothing on screen
        String kind = say("call:add_to_cart {\"product\":\"" + word + " lipstick\"}");
        assertThat(kind).contains("Satin Lipstick " + word).contains("Matte Lipstick " + word).doesNotContain("Added");
        assertThat(log().getLast().event()).isEqualTo("search_products");
        assertThat(carts.items(conversation().id())).isEmpty();

        product("Sports Water Bottle", "17.00", true);
        product("Long-Spout Watering Can", "15.00", true);
        assertThat(say("call:search_products {\"query\":\"" + word + " water bottle\"}"))
                .contains("Sports Water Bottle " + word).doesNotContain("Watering Can");
    }

    /**
     * A department is searched as the shop files it: a call's category is the shop's category of that
     * name, or the one whose name has it ("kitchen": Kitchen & Dining); one that fits several is no
     * filter; one the shop does not have finds nothing, and says so.
     */
    @Test
    void aDepartmentIsTheShopsCategoryOfThatName() {
        products.create(new ProductDraft(null, "Copper Saucepan " + word, "A pan.", Money.of("40.00", "USD"),
                List.of(word + " & Dining", "Cookware"), null, true, Map.of()));
        product("Reading Lamp", "25.00", true);
        String department = say("call:search_products {\"category\":\"" + word.toUpperCase(java.util.Locale.ROOT) + "\"}");
        assertThat(department).contains("Copper Saucepan " + word).doesNotContain("Reading Lamp");
        assertThat(log().getLast().event()).isEqualTo("search_products");

        products.create(new ProductDraft(null, "Linen Apron " + word, "An apron.", Money.of("15.00", "USD"),
                List.of(word + " Aprons"), null, true, Map.of()));
        assertThat(say("call:search_products {\"query\":\"" + word + "\",\"category\":\"" + word + "\"}"))
                .as("two departments fit: no filter").contains("Copper Saucepan " + word).contains("Linen Apron " + word)
                .contains("Reading Lamp " + word);
        assertThat(say("call:search_products {\"query\":\"" + word + " saucepan\",\"category\":\"pots and pans department\"}"))
                .doesNotContain("Copper Saucepan").contains("couldn't find");
    }

    /**
     * Of two shown products that fit a name equally, the one the shopper is looking at is the one
     * meant: no question, the product in focus is added.
     */
    @Test
    void theProductInFocusIsMeantWhenTwoFitTheName() {
        product("Pink Lamp", "20.00", true);
        product("Pink Rug", "50.00", true);
        String list = say("call:search_products {\"query\":\"" + word + " pink\"}");
        String second = list.lines().filter(l -> l.startsWith("2. *")).findFirst().orElseThrow();
        String name = second.substring(4, second.indexOf('*', 4));
        assertThat(say("call:get_product_details {\"product\":\"2\"}")).contains(name);
        assertThat(say("call:add_to_cart {\"product\":\"the pink one\"}")).startsWith("Added 1 ×").contains(name);
    }

    /**
     * The answer to "which one do you mean?" after an add completes that add, with its quantity; the
     * question waits one turn only: after something else, naming a product only shows it.
     */
    @Test
    void theAnswerToWhichOneCompletesTheAddThatAskedIt() {
        product("Striped Towel", "9.00", true);
        product("Striped Robe", "40.00", true);
        say("call:search_products {\"query\":\"" + word + " striped\"}");
        assertThat(say("call:add_to_cart {\"product\":\"the striped one\",\"quantity\":2}")).startsWith("Which one do you mean?");
        assertThat(say("call:get_product_details {\"product\":\"robe\"}")).contains("Added 2 ×").contains("Striped Robe");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(2));

        say("call:search_products {\"query\":\"" + word + " striped\"}");
        assertThat(say("call:add_to_cart {\"product\":\"the striped one\"}")).startsWith("Which one do you mean?");
        say("call:wave_hello {}"); // not a function: answered, and the question is dropped
        assertThat(say("call:get_product_details {\"product\":\"towel\"}")).contains("Striped Towel").doesNotContain("Added");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(2));

        // Asking about one of the choices is a question, not the answer to which.
        say("call:search_products {\"query\":\"" + word + " striped\"}");
        assertThat(say("call:add_to_cart {\"product\":\"the striped one\"}")).startsWith("Which one do you mean?");
        assertThat(say("call:get_product_details {\"product\":\"towel\"} -- details on the striped towel?"))
                .contains("Striped Towel").doesNotContain("Added");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(2));
    }

    /** "Also 3 candle jars" with none on screen: the kind is listed, and the pick is added with the count said. */
    @Test
    void anAddOfAKindListsItAndThePickIsAddedWithTheCount() {
        product("Amber Candle Jar", "11.00", true);
        Product clear = product("Clear Candle Jar", "12.00", true);
        String listed = say("call:add_to_cart {\"product\":\"" + word + " candle jar\",\"quantity\":3}");
        assertThat(listed).contains("Amber Candle Jar " + word).contains("Clear Candle Jar " + word).doesNotContain("Added");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:get_product_details {\"product\":\"clear\"}")).contains("Added 3 ×").contains("Clear Candle Jar");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(i -> assertThat(i.productId()).isEqualTo(clear.id()))
                .satisfies(i -> assertThat(i.quantity()).isEqualTo(3));
        // The wait lasts one turn: after something else, naming a product only shows it.
        say("call:add_to_cart {\"product\":\"" + word + " candle jar\",\"quantity\":2}");
        say("call:view_cart {}");
        say("call:search_products {\"query\":\"" + word + " candle jar\"}");
        assertThat(say("call:get_product_details {\"product\":\"amber\"}")).contains("Amber Candle Jar").doesNotContain("Added");
    }

    /**
     * A product's whole name, every word of it in that one product's name and no other's, names it even when
     * it was never shown ("add the Peakform yoga mat" from a shopper who bought it before): it is added. A plural
     * kind looked at with none of it on screen ("the yoga blocks") is listed, not shown as its first product.
     */
    @Test
    void aWholeNameAddsAProductNeverShownAndAKindLookedAtIsListed() {
        Product mat = product("Tamsin Travel Yoga Mat", "30.00", true);
        product("Round Meditation Bolster", "12.00", true);
        product("Square Meditation Bolster", "15.00", true);
        newShopper();
        assertThat(say("call:add_to_cart {\"product\":\"tamsin yoga mat " + word + "\",\"quantity\":2}"))
                .contains("Added 2 ×").contains("Tamsin Travel Yoga Mat");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.productId()).isEqualTo(mat.id()));
        String bolsters = say("call:get_product_details {\"product\":\"meditation bolsters\"}");
        assertThat(bolsters).contains("Round Meditation Bolster " + word).contains("Square Meditation Bolster " + word);
        assertThat(log().getLast().event()).isEqualTo("search_products");
    }

    /**
     * "Which one do you mean?" after an add of two, answered with a count change naming one of the choices ("the
     * Monroe ones, 2 packs"): the add it completes, with that count, not a change to a line the cart does not have.
     */
    @Test
    void aCountChangeNamingOneOfTheChoicesCompletesTheAdd() {
        product("Monroe Tug Rope Toy", "9.00", true);
        product("Dimmable Glass Bulb", "7.00", true);
        Product monroe = product("Monroe Dimmable Glass Bulb", "8.00", true);
        say("call:search_products {\"query\":\"" + word + " dimmable glass bulb\"}");
        assertThat(say("call:add_to_cart {\"product\":\"dimmable glass\",\"quantity\":2}")).contains("Which one").doesNotContain("Added");
        assertThat(say("call:set_quantity {\"product\":\"monroe\",\"quantity\":2}")).contains("Added 2 ×").contains("Monroe");
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(i -> assertThat(i.productId()).isEqualTo(monroe.id()))
                .satisfies(i -> assertThat(i.quantity()).isEqualTo(2));
        // With no "which one?" waiting, a count change for a product not in the cart changes nothing.
        assertThat(say("call:set_quantity {\"product\":\"monroe\",\"quantity\":5}")).contains("Now 5 ×");
        // A name the line says less than half of ("the Monroe tug rope too, just 1") is another product: no line changes, and
        // as its words name that one product whole, one of it is added
        assertThat(say("call:set_quantity {\"product\":\"monroe tug rope\",\"quantity\":1}")).doesNotContain("Now 1")
                .startsWith("Added 1 × *Monroe Tug Rope Toy");
        assertThat(carts.items(conversation().id())).extracting(CartItem::quantity).containsExactly(5, 1);
        say("call:search_products {\"query\":\"" + word + " dimmable glass bulb\"}");
        assertThat(say("call:set_quantity {\"product\":\"dimmable glass bulb " + word + "\",\"quantity\":3}")).doesNotContain("Added");
    }

    /**
     * A count of a product on the list that no line of the cart is ("the Vale stemless one 2 sets pls", read as a count
     * change because a cart is open) is an add of that many; a count naming a line changes the line.
     */
    @Test
    void aCountOfAListedProductTheCartHasNoneOfIsAnAdd() {
        Product pan = product("Lidded Steel Saucepan", "40.00", true);
        Product vale = product("Vale Stemless Wine Glasses", "24.00", true);
        product("Vale Crystal Flutes", "30.00", true);
        say("call:search_products {\"query\":\"" + word + " saucepan\",\"limit\":1}");
        assertThat(say("call:add_to_cart {\"product\":\"1\"}")).contains("Added 1 ×");
        say("call:search_products {\"query\":\"" + word + " vale glasses\"}");
        assertThat(say("call:set_quantity {\"product\":\"vale stemless\",\"quantity\":2}")).contains("Added 2 ×").contains("Stemless");
        assertThat(carts.items(conversation().id())).extracting(i -> i.productId() + "x" + i.quantity())
                .containsExactlyInAnyOrder(pan.id() + "x1", vale.id() + "x2");
        // the line is there now: the same words change it
        assertThat(say("call:set_quantity {\"product\":\"vale stemless\",\"quantity\":3}")).contains("Now 3 ×");
        assertThat(carts.items(conversation().id())).extracting(i -> i.productId() + "x" + i.quantity())
                .containsExactlyInAnyOrder(pan.id() + "x1", vale.id() + "x3");
    }

    /**
     * A swap is the line out, then the product in; the product coming in may be one the shopper looked at before,
     * off the list now on screen ("swap it for the Sonique" after "and the Sonique one?"): that one, by its name.
     */
    @Test
    void aSwapTakesTheLineOutAndPutsAProductSeenEarlierIn() {
        product("Plastic E-Ink Reader", "250.00", true);
        Product quanta = product("Quanta Waterproof E-Reader", "167.00", true);
        Product sonique = product("Sonique Waterproof Reader", "80.95", true);
        say("call:search_products {\"query\":\"" + word + " e-ink reader\",\"limit\":1}");
        say("call:get_product_details {\"product\":\"sonique waterproof reader " + word + "\"}");
        say("call:search_products {\"query\":\"" + word + " quanta e-reader\",\"limit\":1}");
        assertThat(say("call:add_to_cart {\"product\":\"1\"}")).contains("Added 1 ×").contains("Quanta");
        assertThat(conversation().activeProductId()).isEqualTo(quanta.id());
        String swapped = say("calls:remove_from_cart {} | add_to_cart {\"product\":\"sonique\"}");
        assertThat(swapped).contains("Removed").contains("Added 1 ×");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.productId()).isEqualTo(sonique.id()));
    }

    /**
     * "the very first candle you listed" once string lights are on screen is the first candle of the list before, never the
     * first string light; with no candle in any list it names nothing ("which one?"), though "the first aid kit"-like names
     * still name their product.
     */
    @Test
    void aPlaceAmongAKindIsFoundInTheListThatShowedIt() {
        Product firstCandle = product("Amber Candle", "18.00", true);
        product("Birch Candle", "26.00", true);
        product("Cedar Candle", "30.00", true);
        product("Globe String Lights", "40.00", true);
        product("Solar String Lights", "15.00", true);
        String candles = say("call:search_products {\"query\":\"" + word + " candle\"}");
        String first = candles.substring(candles.indexOf("1. *") + 4, candles.indexOf('*', candles.indexOf("1. *") + 4));
        assertThat(first).isEqualTo(firstCandle.name());
        String lights = say("call:search_products {\"query\":\"" + word + " string lights\"}");
        assertThat(lights).doesNotContain("Candle");
        assertThat(say("call:add_to_cart {\"product\":\"first candle\"}")).contains("Added 1 × *" + firstCandle.name());
        assertThat(say("call:add_to_cart {\"product\":\"the second string lights one\"}")).contains("Added 1 × *")
                .contains("String Lights");
        assertThat(say("call:add_to_cart {\"product\":\"the first rug\"}")).as("no rug was ever listed")
                .doesNotContain("Added");
        assertThat(carts.items(conversation().id())).hasSize(2);
    }

    /**
     * "drop one" with two lines, the one in focus a single item: which line loses one is asked, and nothing is taken out;
     * the answer takes one out of the line it names. One fewer of a line in focus that has more ("remove 1" after looking at the two blocks) is that line.
     */
    @Test
    void aCountOnlyRemovalThatWouldEmptyALineAsksWhichLine() {
        Product quoll = product("Quoll Crate", "10.00", true);
        Product wombat = product("Wombat Crate", "20.00", true);
        say("call:search_products {\"query\":\"" + word + " crate\"}");
        say("call:add_to_cart {\"product\":\"quoll\",\"quantity\":2}");
        say("call:search_products {\"query\":\"" + word + " crate\"}");
        assertThat(say("call:add_to_cart {\"product\":\"wombat\"}")).contains("Added 1 × *" + wombat.name());

        String asked = say("call:remove_from_cart {\"quantity\":1}");
        assertThat(asked).startsWith("Which one do you mean?").contains("Quoll Crate").contains("Wombat Crate");
        assertThat(carts.items(conversation().id())).extracting(CartItem::quantity).containsExactlyInAnyOrder(2, 1);
        assertThat(log().getLast().reason()).isEqualTo("ambiguous_product");

        // the answer says which: that line loses the one the remove said, and the other line is as it was
        say("call:get_product_details {\"product\":\"quoll\"}");
        assertThat(carts.items(conversation().id())).extracting(CartItem::productId, CartItem::quantity)
                .containsExactlyInAnyOrder(tuple(quoll.id(), 1), tuple(wombat.id(), 1));

        say("call:add_to_cart {\"product\":\"quoll\"}");
        say("call:get_product_details {\"product\":\"quoll\"}");
        assertThat(say("call:remove_from_cart {\"quantity\":1}")).doesNotContain("Which one");
        assertThat(carts.items(conversation().id())).filteredOn(i -> i.productId().equals(quoll.id()))
                .singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(1));
    }

    /**
     * "cordless?" after lawn mowers keeps to mowers, the cordless ones: a word the catalog uses in the names of several kinds
     * and that ends none says what a product is like, as a colour does. "The cheaper cordless one" is the cheaper of the
     * cordless ones on screen (the kettle beside them is cheaper still, and not meant). A maker with no mower among its
     * products lists the maker's products, not "nothing more".
     */
    @Test
    void aWordSeveralKindsShareNarrowsTheLastSearch() {
        Product dear = mower("Odessa Cordless Lawn Mower", "289.99", "lawn mower");
        Product cheap = mower("Hedgerow Cordless Lawn Mower", "105.00", "lawn mower");
        Product corded = mower("Brooklyn Lawn Mower", "137.95", "lawn mower");
        Product kettle = mower("Piper Cordless Kettle", "28.99", "electric kettle");
        mower("Quillon Desk Lamp", "35.00", "desk lamp");
        mower("Quillon Throw Pillow", "22.00", "throw pillow");
        assertThat(say("call:search_products {\"query\":\"" + word + " lawn mower\"}")).contains(dear.name()).contains(corded.name());
        String cordless = say("call:search_products {\"query\":\"cordless\"}");
        assertThat(cordless).as("the mowers narrowed").contains(dear.name()).contains(cheap.name()).doesNotContain(kettle.name());
        assertThat(say("call:get_product_details {\"product\":\"cheaper cordless\"}")).startsWith("*" + cheap.name() + "*");

        say("call:search_products {\"query\":\"" + word + " lawn mower\"}");
        assertThat(say("call:search_products {\"query\":\"any quillon?\"}")).as("no Quillon mower: the maker's products")
                .contains("Quillon Desk Lamp").doesNotContain("That's all I have");
    }

    private Product mower(String name, String price, String type) {
        return products.create(new ProductDraft(null, name + " " + word, "A fine " + name + ".", Money.of(price, "USD"),
                List.of("Garden"), null, true, Map.of("type", type)));
    }

    /**
     * "How does the first compare to the second?" is two looks in one turn, and it chooses neither: the "add one"
     * that follows asks which of the two, and the answer is added. Before, the first stayed in focus and was added.
     */
    @Test
    void aComparisonPutsNeitherInFocusAndAnAddAsksWhichOfTheTwo() {
        product("Velvet Loveseat", "859.00", true);
        Product linen = product("Linen Loveseat", "429.00", true);
        product("Leather Loveseat", "999.00", true);
        say("call:search_products {\"query\":\"" + word + " loveseat\"}");
        String compared = say("calls:get_product_details {\"product\":\"1\"} | get_product_details {\"product\":\"2\"}");
        assertThat(compared).contains("Loveseat " + word);
        assertThat(conversation().activeProductId()).isNull();
        String asked = say("call:add_to_cart {\"quantity\":1}");
        assertThat(asked).contains("Which one").doesNotContain("Added").doesNotContain("Leather");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(say("call:get_product_details {\"product\":\"linen\"}")).contains("Added 1 ×").contains("Linen Loveseat");
        assertThat(carts.items(conversation().id())).singleElement().satisfies(i -> assertThat(i.productId()).isEqualTo(linen.id()));
        // A look at one product afterwards is a look again: it comes into focus, and "add it" adds it.
        say("call:search_products {\"query\":\"" + word + " loveseat\"}");
        say("call:get_product_details {\"product\":\"leather\"}");
        assertThat(say("call:add_to_cart {}")).contains("Added 1 ×").contains("Leather Loveseat");
    }

    /** Issue 14, item 2: a cart line's quantity is set, not added to; the cart can be emptied; both are gated. */
    @Test
    void aQuantityIsSetAndTheCartEmptiedThroughTheTable() {
        product("Oak Stool", "40.00", true);
        product("Oak Bench", "90.00", true);
        say("call:search_products {\"query\":\"" + word + " oak\"}");
        say("call:add_to_cart {\"product\":\"1\"}");
        say("call:search_products {\"query\":\"" + word + " oak\"}");
        say("call:add_to_cart {\"product\":\"2\",\"quantity\":2}");
        assertThat(say("call:set_quantity {\"product\":\"bench\",\"quantity\":5}")).contains("Now 5 ×").contains("Oak Bench");
        assertThat(carts.items(conversation().id())).extracting(i -> i.quantity()).containsExactlyInAnyOrder(1, 5);
        assertThat(say("call:set_quantity {\"product\":\"sofa\",\"quantity\":2}")).contains("isn't in your cart");
        assertThat(log().getLast().reason()).isEqualTo("item_not_in_cart");
        // Past the limit: not a call, so the offline understanding reads the words instead; nothing is set.
        assertThat(say("call:set_quantity {\"product\":\"stool\",\"quantity\":100}")).doesNotContain("Now 100");
        assertThat(carts.items(conversation().id())).extracting(i -> i.quantity()).containsExactlyInAnyOrder(1, 5);

        assertThat(say("call:clear_cart {}")).contains("cart is empty");
        assertThat(carts.items(conversation().id())).isEmpty();
        assertThat(conversation().state()).isEqualTo(State.BROWSING);
        assertThat(say("call:clear_cart {}")).contains("cart is empty");
        assertThat(log().getLast().reason()).isEqualTo("cart_empty");
    }

    /**
     * "ok fine. actually just 2, one window is tiny" with one line in the cart: the words around the
     * change are not a product's name, though "window" is a word of one (a window box), so the only
     * line is meant; a name the catalog has whole is another product, added with the count said.
     */
    @Test
    void wordsAroundAChangeOfTheOnlyLineAreNotAProductName() {
        product("Cedar Shelf", "35.00", true);
        product("Brass Lantern", "25.00", true);
        product("Window Box", "15.00", true);
        say("call:search_products {\"query\":\"" + word + " cedar shelf\"}");
        say("call:add_to_cart {\"product\":\"1\",\"quantity\":3}");
        assertThat(say("call:set_quantity {\"product\":\"fine one window tiny\",\"quantity\":2}")).contains("Now 2 ×").contains("Cedar Shelf");
        assertThat(carts.items(conversation().id())).extracting(i -> i.quantity()).containsExactly(2);
        // a name the catalog has whole is another product: not the only line; that many of it, as an add naming it would
        assertThat(say("call:set_quantity {\"product\":\"brass lantern\",\"quantity\":4}")).contains("Added 4 ×").contains("Brass Lantern");
        assertThat(carts.items(conversation().id())).extracting(i -> i.quantity()).containsExactlyInAnyOrder(2, 4);
    }

    /**
     * Issue 14, item 6: with the model timing out (after its retries), the turn is served by the
     * offline understanding, counted and marked on the transition it leads to, not answered "send
     * that again".
     */
    @Test
    void aModelTimeoutIsServedByTheOfflineUnderstanding() {
        product("Linen Throw", "30.00", true);
        say("call:search_products {\"query\":\"" + word + " throw\"}");
        say("call:add_to_cart {\"product\":\"1\"}");
        double before = fallbacks("model_unavailable");
        String words = "whats in my cart " + word;
        model.failOn(words, ScriptedLlm.Failure.TIMEOUT);

        String reply = say(words);
        assertThat(reply).doesNotContain("send that again").contains("Linen Throw");
        Transition last = log().getLast();
        assertThat(last.event()).isEqualTo("view_cart");
        assertThat(last.reason()).isEqualTo(Understanding.MODEL_UNAVAILABLE);
        assertThat(fallbacks("model_unavailable")).isEqualTo(before + 1);
        assertThat(carts.items(conversation().id())).hasSize(1);
    }

    /** Issue 14, item 6: a call that is not one (a quantity of "lots") sends the turn to the offline understanding too. */
    @Test
    void aMalformedToolCallIsServedByTheOfflineUnderstanding() {
        say("call:view_cart {}");
        double before = fallbacks("malformed_call");
        String words = "show me my cart please " + word;
        model.failOn(words, ScriptedLlm.Failure.MALFORMED_CALL);

        String reply = say(words);
        assertThat(reply).doesNotContain("didn't quite get that").contains("cart");
        assertThat(log().getLast().event()).isEqualTo("view_cart");
        assertThat(log().getLast().reason()).isEqualTo(Understanding.MALFORMED_CALL);
        assertThat(fallbacks("malformed_call")).isEqualTo(before + 1);
        assertThat(carts.items(conversation().id())).as("no quantity of 'lots' was added").isEmpty();
    }

    @Autowired io.micrometer.core.instrument.MeterRegistry registry;

    private double fallbacks(String cause) {
        var counter = registry.find("shopkeeper.llm.fallbacks").tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Issue 13, item 9: a price limit the model proposes is bounded like the admin API's. A limit
     * of 1e-100000000 once cost seconds of CPU when the search scaled it to cents; any number no
     * price has is a malformed call, refused at once (the turn then goes to the offline understanding).
     */
    @Test
    void aPriceLimitNoPriceCouldHaveIsAMalformedCall() {
        say("call:view_cart {}");
        int steps = log().size();
        long started = System.nanoTime();
        for (String limit : List.of("\"max_price\":1e-100000000", "\"min_price\":1e-100000000", "\"max_price\":0.0000001",
                "\"max_price\":\"0.0000000000000000000000000000000000001\"", "\"min_price\":1e2147483647")) {
            // Not carried out: the turn goes to the offline understanding, which reads the words themselves.
            assertThat(say("call:search_products {\"query\":\"lamp\"," + limit + "}")).as(limit).doesNotContain("Exception");
            // The offline understanding may read several requests in the words; each is marked or refused.
            assertThat(log().subList(steps, log().size())).as("nothing carried out but what the offline understanding made of it")
                    .allMatch(t -> t.outcome() == Transition.Outcome.REFUSED
                            || t.reason() != null && t.reason().contains(Understanding.MALFORMED_CALL));
            steps = log().size();
        }
        // Generous for a busy test machine: each answer takes milliseconds; one of these took seconds of CPU.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
        assertThat(fallbacks("malformed_call")).isGreaterThanOrEqualTo(5);
        // A turn the offline understanding read as several requests may still be writing its later steps.
        Eventually.settle(java.time.Duration.ofSeconds(1));
        int before = log().size();
        say("call:search_products {\"query\":\"lamp\",\"max_price\":\"$1,299.00\"}");
        assertThat(log().size()).isEqualTo(before + 1);
        assertThat(log().getLast().reason()).as("the model's own call, carried out").isNull();
    }

    /**
     * Issue 13, item 12: a name the model invented reaches the log escaped and bounded. A new line
     * in it once started a log line of the model's making.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aToolNameTheModelInventedCannotForgeALogLine(org.springframework.boot.test.system.CapturedOutput output) {
        String name = "nope" + word;
        String forged = "WARN-conversation=" + word + "-refunded-every-order";
        assertThat(say("call:" + name + "\r\n" + forged + "\u2028" + "x".repeat(500) + " {}")).doesNotContain("Exception");
        String logged = Eventually.until(() -> output.getAll().lines()
                .filter(l -> l.contains("malformed call") && l.contains(name)).findFirst().orElse(null), "the malformed call logged");
        assertThat(logged).as("one line, escaped").contains(name + "\\r\\n" + forged + "\\u2028")
                .as("bounded").doesNotContain("x".repeat(100));
        assertThat(output.getAll().lines()).noneMatch(l -> l.startsWith(forged)).noneMatch(l -> l.startsWith("xxxxxxxxxx"));
    }

    @Test
    void cancellingOnThePayPageTakesTheShopperBackToTheirCart() {
        product("Wool Rug", "120.00", true);
        say("call:search_products {\"query\":\"" + word + " rug\"}");
        say("call:add_to_cart {\"product\":\"1\"}");
        say("call:create_order {}");
        LINKS_ASKED_IN_A_TRANSACTION.clear();
        String link = say("call:get_payment_link {}");
        // The provider (Stripe: a network call) is asked outside any transaction: a slow answer never
        // holds SQLite's write lock, which every other shopper's turn needs.
        assertThat(LINKS_ASKED_IN_A_TRANSACTION).containsExactly(false);
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = shopper.replies().size();
        assertThat(http().post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=cancel").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the cancellation notice")).contains("cart is still here");
        assertThat(conversation().state()).isEqualTo(State.CART);
        assertThat(log().getLast().event() + ":" + log().getLast().to()).isEqualTo("order_cancelled:CART");
        assertThat(carts.items(conversation().id())).hasSize(1);
        // The cart is intact, so ordering again works at once.
        assertThat(say("call:create_order {}")).contains("Total: *$120.00*");
    }

    @Test
    void aRedeliveredMessageThatWasAnsweredIsNotAnsweredTwice() {
        say("call:view_cart {}");
        int steps = log().size();
        int replies = shopper.replies().size();
        shopper.resend();
        // Twilio's retry of the same MessageSid: no second answer, no second step.
        com.shopkeeper.support.Eventually.settle(java.time.Duration.ofSeconds(2));
        assertThat(shopper.replies()).hasSize(replies);
        assertThat(log()).hasSize(steps);
    }

    @Autowired com.shopkeeper.conversation.MessageRepository messages;
    @Autowired com.shopkeeper.conversation.TurnRepository turns;
    @Autowired com.shopkeeper.messaging.InboundHandler pipeline;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;
    @org.springframework.test.context.bean.override.mockito.MockitoSpyBean CallExecutor calls;

    /** Waits until the bot has sent {@code count} messages after the first {@code before}; answers them. */
    List<String> awaitReplies(int before, int count) {
        return Eventually.until(() -> {
            List<String> all = shopper.replies();
            return all.size() >= before + count ? all.subList(before, all.size()) : null;
        }, count + " replies");
    }

    long countOf(List<String> texts, String part) {
        return texts.stream().filter(t -> t.contains(part)).count();
    }

    @Test
    void aTurnThatFailedBetweenItsStepsResumesWithoutApplyingTheFirstAgain() {
        product("Desk Fan", "30.00", true);
        say("call:search_products {\"query\":\"" + word + " fan\"}");
        // The second step fails once, after the first (the add) was applied and committed.
        org.mockito.Mockito.doThrow(new IllegalStateException("injected: the database connection dropped"))
                .doCallRealMethod().when(calls).prepare(org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.<References.Reading>argThat(r -> r != null
                                && r.call() instanceof com.shopkeeper.llm.FunctionCall.ViewCart),
                        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
        String text = "calls:add_to_cart {\"product\":\"1\",\"quantity\":2} | view_cart {}";
        int before = shopper.replies().size();
        shopper.send(text);

        List<String> answers = awaitReplies(before, 2);
        assertThat(answers.get(0)).contains("Added 2 × *Desk Fan");
        assertThat(answers.get(1)).contains("Desk Fan").contains("$60.00");
        Eventually.settle(java.time.Duration.ofSeconds(2));
        assertThat(shopper.replies()).as("each reply once").hasSize(before + 2);
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.quantity()).as("added once, not twice").isEqualTo(2));
        assertThat(log()).filteredOn(t -> t.event().equals("add_to_cart")).hasSize(1);
        assertThat(model.askedByText.get(text)).as("the model is not asked again").hasValue(1);
    }

    @Test
    void aTurnThatFailedAfterItsOrderAndLinkKeepsThatOrderAndThatLink() {
        product("Wool Rug", "120.00", true);
        say("call:search_products {\"query\":\"" + word + " rug\"}");
        say("call:add_to_cart {\"product\":\"1\"}");
        org.mockito.Mockito.doThrow(new IllegalStateException("injected: the worker died"))
                .doCallRealMethod().when(calls).prepare(org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.<References.Reading>argThat(r -> r != null
                                && r.call() instanceof com.shopkeeper.llm.FunctionCall.ViewCart),
                        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
        LINKS_ASKED_IN_A_TRANSACTION.clear();
        int before = shopper.replies().size();
        shopper.send("calls:create_order {} | get_payment_link {} | view_cart {}");

        List<String> answers = awaitReplies(before, 3);
        assertThat(answers.get(0)).contains("Total: *$120.00*");
        assertThat(answers.get(1)).contains("/pay/");
        Eventually.settle(java.time.Duration.ofSeconds(2));
        assertThat(shopper.replies()).hasSize(before + 3);
        var mine = orders.latestForUser(conversation().userId(), 10);
        assertThat(mine).as("one order, not one superseded by a second").singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
        assertThat(LINKS_ASKED_IN_A_TRANSACTION).as("one checkout session").hasSize(1);
        assertThat(conversation().state()).isEqualTo(State.CART);
    }

    @Test
    void aReplyWhoseSendFailedIsSentAgainButTheOnesBeforeItAreNot() {
        product("Tea Cup", "9.00", true);
        say("call:search_products {\"query\":\"" + word + " cup\"}");
        // Twilio refuses the turn's second reply twice (every attempt of the first delivery), then takes it.
        TWILIO.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
                .atPriority(1).inScenario("second reply " + word)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("failed once")
                .withFormParam("ContentVariables", com.github.tomakehurst.wiremock.client.WireMock.matching("(?s).*Your cart:.*"))
                .withFormParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(phone))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
        TWILIO.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
                .atPriority(1).inScenario("second reply " + word)
                .whenScenarioStateIs("failed once").willSetStateTo("recovered")
                .withFormParam("ContentVariables", com.github.tomakehurst.wiremock.client.WireMock.matching("(?s).*Your cart:.*"))
                .withFormParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(phone))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
        int before = shopper.replies().size();
        shopper.send("calls:add_to_cart {\"product\":\"1\"} | view_cart {}");

        List<String> tried = Eventually.until(() -> {
            List<String> all = shopper.replies();
            return all.size() >= before + 4 ? all.subList(before, all.size()) : null;
        }, "the added notice, two refused cart replies and the one that went");
        Eventually.settle(java.time.Duration.ofSeconds(2));
        tried = shopper.replies().subList(before, shopper.replies().size());
        assertThat(countOf(tried, "Added 1 ×")).as("the reply that went is not sent again").isEqualTo(1);
        assertThat(countOf(tried, "Your cart:")).as("two refused, then one taken").isEqualTo(3);
        assertThat(carts.items(conversation().id())).singleElement()
                .satisfies(line -> assertThat(line.quantity()).isEqualTo(1));
    }

    @Test
    void aStopWhoseConfirmationFailsStillOptsTheShopperOut() {
        say("hi");
        TWILIO.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
                .atPriority(1)
                .withFormParam("To", com.github.tomakehurst.wiremock.client.WireMock.equalTo(phone))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable()));
        shopper.send("STOP");
        Eventually.until(() -> shoppers.findByAddress(phone).orElseThrow().optedOut() ? true : null,
                "the opt-out, whatever became of its confirmation");
    }

    @Test
    void aTurnThatDiedAfterRecordingIsAnsweredOnceWhenRedelivered() {
        say("call:view_cart {}");
        Conversation c = conversation();
        var message = new com.shopkeeper.messaging.InboundMessage("twilio", "SM-redelivered-" + word, phone, "Ada",
                "call:view_cart {}", List.of());
        // The worker recorded the message and opened its turn, then died before answering; the
        // queue hands it to a worker again.
        tx.executeWithoutResult(s -> turns.open(messages.append(c.id(), com.shopkeeper.conversation.Message.Role.USER,
                message.text(), message.platformMessageId()), com.shopkeeper.conversation.Turn.Kind.MESSAGE,
                com.shopkeeper.conversation.Turn.Status.RECEIVED));
        int before = shopper.replies().size();
        pipeline.handle(message);
        assertThat(shopper.replies().subList(before, shopper.replies().size())).singleElement()
                .satisfies(r -> assertThat(r).contains("cart is empty"));
        assertThat(log().getLast().messageId()).isEqualTo(messages.findByPlatformMessageId(message.platformMessageId())
                .orElseThrow().id());
        // Answered and sent: another delivery does nothing at all.
        int steps = log().size();
        int recorded = messages.count(c.id());
        pipeline.handle(message);
        assertThat(shopper.replies()).hasSize(before + 1);
        assertThat(log()).hasSize(steps);
        assertThat(messages.count(c.id())).isEqualTo(recorded);
    }

    @Test
    void aRedeliveredStopOrMessageWhileStoppedIsNotTakenUpAgain() {
        var stop = new com.shopkeeper.messaging.InboundMessage("twilio", "SM-stop-" + word, phone, "Ada", "STOP", List.of());
        int before = shopper.replies().size();
        pipeline.handle(stop);
        assertThat(shoppers.findByAddress(phone).orElseThrow().optedOut()).isTrue();
        assertThat(shopper.replies()).hasSize(before + 1);
        var later = new com.shopkeeper.messaging.InboundMessage("twilio", "SM-later-" + word, phone, "Ada", "hello?", List.of());
        pipeline.handle(later);
        int recorded = messages.count(conversation().id());
        // Workers died before acknowledging; the queue hands both out again. Neither is recorded or answered twice.
        pipeline.handle(stop);
        pipeline.handle(later);
        assertThat(messages.count(conversation().id())).isEqualTo(recorded);
        assertThat(shopper.replies()).as("the one confirmation").hasSize(before + 1);
        assertThat(shoppers.findByAddress(phone).orElseThrow().optedOut()).isTrue();
    }

    @Test
    void aBareCancelAsksBeforeOptingOut() {
        say("hi");
        assertThat(say("CANCEL")).contains("Reply STOP");
        assertThat(shoppers.findByAddress(phone).orElseThrow().optedOut()).isFalse();
        assertThat(say("STOP")).contains("won't get any more messages");
        assertThat(shoppers.findByAddress(phone).orElseThrow().optedOut()).isTrue();
    }
}
