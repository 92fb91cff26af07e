package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import com.shopkeeper.support.Http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The out-of-the-box bot: the offline provider, the bundled demo catalog, sandbox payments. A
 * shopper types the way shoppers type and ends with a paid order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfflineJourneyTest {

    static final IsolatedApp APP = IsolatedApp.create("offline-journey", 6);
    static final TwilioStub TWILIO = APP.twilio();
    static final String ADMIN_TOKEN = "offline-journey-admin-token-42";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        APP.configure(registry);
        registry.add("shopkeeper.catalog.seed-demo", () -> "true");
        registry.add("shopkeeper.admin.bootstrap-token", () -> ADMIN_TOKEN);
        registry.add("shopkeeper.shop.delivery", () -> "We deliver in 2-4 working days; free over $50.");
    }

    @LocalServerPort int port;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired OrderRepository orders;

    @Test
    void aShopperBuysABackpackInPlainWords() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Sam");

        assertThat(shopper.say("hi")).contains("Hi Sam!");
        // Not offered with an empty cart and no order (the prompt stays small), still answered.
        assertThat(shopper.say("what's in my cart")).contains("cart is empty");
        assertThat(shopper.say("where is my order?")).contains("no orders yet");
        String found = shopper.say("hey do u have any backpacks?");
        assertThat(found).contains("1. *").containsIgnoringCase("backpack");
        assertThat(shopper.say("the first one")).contains("Reply _add_");
        assertThat(shopper.say("add 2")).contains("Added 2 ×");
        assertThat(shopper.say("what's in my cart")).contains("Your cart:").contains("Total: *$");
        assertThat(shopper.say("checkout")).contains("is ready").contains("Reply *pay*");
        String link = shopper.say("pay");
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();

        int before = shopper.replies().size();
        assertThat(http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the confirmation")).startsWith("Payment received");

        String userId = shoppers.findByAddress(shopper.phone).orElseThrow().id();
        assertThat(orders.latestForUser(userId, 1).getFirst().status()).isEqualTo(OrderStatus.PAID);
        assertThat(conversations.findLatest(userId, "twilio").orElseThrow().state()).isEqualTo(State.BROWSING);
        assertThat(shopper.say("where is my order?")).contains("paid");
    }

    /**
     * Issue 14, item 2, through the real webhook on the offline understanding: "make that 3" sets the
     * line's quantity (it used to add one more), "start over" empties the cart, and a question about
     * the cart only shows it.
     */
    @Test
    void aShopperChangesAQuantityAndStartsOver() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Ines");
        assertThat(shopper.say("do you have any backpacks?")).contains("1. *");
        assertThat(shopper.say("the first one")).contains("Reply _add_");
        assertThat(shopper.say("add it to my cart pls")).contains("Added 1 ×");
        String userId = shoppers.findByAddress(shopper.phone).orElseThrow().id();
        String conversation = conversations.findLatest(userId, "twilio").orElseThrow().id();

        assertThat(shopper.say("actually make that 3")).contains("Now 3 ×");
        assertThat(carts.items(conversation)).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(3));
        // An office buys by the dozen; past the most a line may hold, the shopper hears the range, not "say it another way".
        assertThat(shopper.say("make it 30 units")).contains("Now 30 ×");
        assertThat(shopper.say("make it 150")).contains("between 1 and " + com.shopkeeper.llm.FunctionCalls.MAX_QUANTITY)
                .doesNotContain("another way");
        assertThat(carts.items(conversation)).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(30));
        assertThat(shopper.say("make it 3 then")).contains("Now 3 ×");
        assertThat(shopper.say("did the backpack get added?")).contains("Your cart:");
        assertThat(carts.items(conversation)).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(3));

        assertThat(shopper.say("empty my cart, I want to start over")).contains("cart is empty");
        assertThat(carts.items(conversation)).isEmpty();
        assertThat(conversations.findLatest(userId, "twilio").orElseThrow().state()).isEqualTo(State.BROWSING);
    }

    @Autowired com.shopkeeper.cart.CartRepository carts;

    /**
     * Issue 14, items 2 and 3, through the real webhook: chat around a price follow-up keeps the subject;
     * "add one of them" after a list asks which, and the answer completes the add; a pick with a count
     * ("the 2nd one, 2 please") adds that many of that product; turning down something new removes
     * nothing; "checkout" while browsing with a full cart goes through the cart, as the table allows.
     */
    @Test
    void picksWithCountsQuestionsAndACheckoutWhileBrowsing() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Noor");
        assertThat(shopper.say("do you have any backpacks?")).containsIgnoringCase("backpack");
        assertThat(shopper.say("any under $100?? ngl im broke")).as("still backpacks").containsIgnoringCase("backpack");
        // A kind the demo catalog has ten of: a list now keeps to the kind asked for, and the demo
        // catalog's three backpacks do not always all come back among a search's first five hits.
        String list = shopper.say("do you sell lamps");
        assertThat(shopper.say("could you add one of them to my basket?")).startsWith("Which one do you mean?");
        String userId = shoppers.findByAddress(shopper.phone).orElseThrow().id();
        String conversation = conversations.findLatest(userId, "twilio").orElseThrow().id();
        assertThat(carts.items(conversation)).isEmpty();
        assertThat(shopper.say("the first one please")).contains("Added 1 ×");
        String first = carts.items(conversation).getFirst().productId();

        assertThat(shopper.say("do you have water bottles?")).contains("1. *");
        assertThat(shopper.say("the 2nd one, 2 please")).contains("Added 2 ×");
        assertThat(carts.items(conversation)).hasSize(2).anySatisfy(i -> {
            assertThat(i.productId()).isNotEqualTo(first);
            assertThat(i.quantity()).isEqualTo(2);
        });
        assertThat(shopper.say("no I don't want a case or anything else, just that")).contains("No problem");
        assertThat(carts.items(conversation)).hasSize(2);

        assertThat(shopper.say("do you have lamps?")).contains("1. *");
        assertThat(conversations.findLatest(userId, "twilio").orElseThrow().state()).isEqualTo(State.BROWSING);
        int before = shopper.replies().size();
        assertThat(shopper.say("checkout pls")).as("the cart first").contains("Your cart:");
        assertThat(shopper.awaitAfter(before + 1, "the order after the cart")).contains("is ready");
        assertThat(conversations.findLatest(userId, "twilio").orElseThrow().state()).isEqualTo(State.CHECKOUT);
        assertThat(list).containsIgnoringCase("lamp");
    }

    /** Issue 14, item 5, offline: a delivery question is not an order status, and what the shop did not say is not made up. */
    @Test
    void shopQuestionsAreAnsweredOrLeftToAPerson() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Ade");
        assertThat(shopper.say("how long does delivery usually take?")).contains("2-4 working days")
                .doesNotContain("no orders");
        assertThat(shopper.say("what time do you close on sundays?")).contains("a person from the shop");
        assertThat(shopper.say("where is my order?")).contains("no orders yet");
    }

    /** Issue 14, item 2, offline: a price follow-up keeps the subject of the search before it. */
    @Test
    void aPriceFollowUpKeepsTheSubject() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Oli");
        assertThat(shopper.say("do you have any backpacks?")).containsIgnoringCase("backpack");
        String under = shopper.say("any under 100?");
        assertThat(under).as("still backpacks").containsIgnoringCase("backpack");
        java.util.regex.Matcher prices = java.util.regex.Pattern.compile("– \\$([0-9.,]+)").matcher(under);
        int listed = 0;
        while (prices.find()) {
            listed++;
            assertThat(new java.math.BigDecimal(prices.group(1).replace(",", ""))).isLessThanOrEqualTo(new java.math.BigDecimal("100"));
        }
        assertThat(listed).isPositive();
    }

    /**
     * Issue 14, item 3, offline: a list keeps to the kind asked for (water bottles, not watering cans),
     * and agreeing to the only product on it takes that product.
     */
    @Test
    void agreeingToTheOnlyProductListedTakesIt() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Priya");
        String bottles = shopper.say("got any water bottles? nothing over 20 pls");
        assertThat(bottles).containsIgnoringCase("water bottle").doesNotContainIgnoringCase("watering").doesNotContain("2. *");
        assertThat(shopper.say("yep that one")).contains("Added 1 ×").containsIgnoringCase("water bottle");
    }

    /**
     * Ninth stop: "also any night lights?" lists night lights (it had searched "lights", and the moon light picked next
     * was off the list, so it was shown instead of added); "the wooden one" is the frame of wood, "the metallic one" the
     * metal one (neither had fitted any name); "tell me about the tatum" while looking at mice is Tatum's mouse.
     */
    @Test
    void aSearchKeepsAWholeCompoundAndAMaterialPicks() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Ines");
        assertThat(shopper.say("string lights please")).containsIgnoringCase("string lights");
        String lights = shopper.say("also any night lights?");
        assertThat(listed(lights)).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("night light"));
        assertThat(shopper.say("add the moon one")).startsWith("Added 1 ×").contains("Moon");
        assertThat(shopper.say("do you have picture frames")).contains("Wood Picture Frame").contains("Metal Photo Frame");
        assertThat(shopper.say("the wooden one, add 3")).startsWith("Added 3 ×").contains("Wood Picture Frame");
        assertThat(shopper.say("and the metallic one")).contains("Metal Photo Frame").doesNotContain("Which one");
        // a maker's name that several of the catalog's products carry, said while looking at mice: its mouse
        assertThat(shopper.say("do you have wireless mice?")).containsIgnoringCase("mouse");
        assertThat(shopper.say("tell me about the tatum")).contains("Tatum Bluetooth Mouse").doesNotContain("Here's what I found");
        // a kind in the plural is still the list of them
        assertThat(shopper.say("may I see the dolls?")).contains("Here's what I found").contains("2. *");
    }

    /**
     * Tenth stop, offline: an add of a kind the list on screen does not hold ("also 2 yoga blocks for me" with rain
     * boots listed) lists that kind and keeps the count for the pick; it had shown the catalog's first yoga block as if
     * the shopper had named it, and "the nova ones" next was a search.
     */
    @Test
    void aKindAddedOffTheListIsListedAndItsCountWaitsForThePick() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Noor");
        assertThat(shopper.say("rain boots for my son, size 36 if you have")).containsIgnoringCase("boots");
        assertThat(shopper.say("add the jasper ones")).startsWith("Added 1 ×").contains("Jasper");
        String blocks = shopper.say("also 2 yoga blocks for me");
        assertThat(listed(blocks)).hasSizeGreaterThanOrEqualTo(2)
                .filteredOn(l -> l.toLowerCase(java.util.Locale.ROOT).contains("yoga block")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(blocks).doesNotStartWith("Added");
        assertThat(shopper.say("the nova ones")).startsWith("Added 2 ×").contains("Nova Foam Yoga Block").contains("Cart: 3 items");
    }

    /**
     * Tenth stop, offline: "the Stillwater one" asked for with a Copperleaf cutting board in focus is Stillwater's cutting
     * board, not a list of everything Stillwater makes (an espresso machine first), and "add it for her" adds it.
     */
    @Test
    void theMakersOneWhileAProductIsInFocusIsOneOfItsKind() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Rosa");
        assertThat(shopper.say("it was the Copperleaf cutting board, the end-grain one")).contains("Copperleaf End-Grain Cutting Board");
        assertThat(shopper.say("just one please")).startsWith("Added 1 ×").contains("Copperleaf End-Grain Cutting Board");
        String stillwater = shopper.say("do you also have the Stillwater one? my sister wants one");
        assertThat(stillwater).contains("Stillwater Large Cutting Board").doesNotContain("Here's what I found");
        assertThat(shopper.say("add it for her")).startsWith("Added 1 ×").contains("Stillwater Large Cutting Board").contains("Cart: 2 items");
        // asking for others of the maker is still a list
        assertThat(shopper.say("any other stillwater ones?")).doesNotStartWith("Added");
    }

    /**
     * Tenth stop, offline: one product named twice in one message ("add the mug set verde, the sage green") is added once;
     * two products named are still two ("the first one and the second one").
     */
    @Test
    void oneProductNamedTwiceInAMessageIsAddedOnce() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Lucia");
        assertThat(shopper.say("any mug sets?")).contains("Lark Stoneware Mug Set | Sage Green");
        assertThat(shopper.say("add the mug set verde, the sage green")).startsWith("Added 1 ×").contains("Cart: 1 item")
                .doesNotContain("Cart: 2 items");
        assertThat(shopper.say("add the first one and the second one")).contains("Cart: 3 items");
    }

    /** The numbered lines of a list the bot sent ("1. *Name* – $9.99"). */
    private static java.util.List<String> listed(String reply) {
        return reply.lines().filter(l -> l.matches("^\\d{1,2}\\. \\*.*")).toList();
    }

    /**
     * Sixth stop of 2026-12-05, offline: a short answer answers the bot's own question. "2" after "How many would you
     * like?" is two of the candles asked for (then which candle is asked, as the list has several), not the second
     * product listed; "both" after "Which one do you mean?" with two choices adds each.
     */
    @Test
    void aShortAnswerAnswersTheBotsQuestion() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Kemi");
        assertThat(shopper.say("do you sell candles?")).containsIgnoringCase("candle").contains("2. *");
        assertThat(shopper.say("add some of the candles")).startsWith("How many would you like?");
        assertThat(shopper.say("2")).as("a count, not the second candle").startsWith("Which one do you mean?");
        assertThat(shopper.say("the first")).startsWith("Added 2 ×").containsIgnoringCase("candle");
        assertThat(shopper.say("show me hoodies")).containsIgnoringCase("hoodie");
        String which = shopper.say("add the oversized hoodie");
        assertThat(which).startsWith("Which one do you mean?").contains("2. *").doesNotContain("3. *");
        String both = shopper.say("both please");
        assertThat(both).contains("Cart: 4 items");
        // "undo" takes back what the last reply says was done: the one more hoodie, not the whole line
        assertThat(shopper.say("add 1 more")).startsWith("Added 1 ×");
        assertThat(shopper.say("no no, undo that")).contains("Cart: 4 items");
    }

    /** Issue 13, item 8: a message of one long word once pinned a worker for minutes; it is answered like any other. */
    @Test
    void aMessageOfOneLongWordIsAnsweredPromptly() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Kim");
        assertThat(shopper.say("hi")).contains("Hi Kim!"); // the first turn of a fresh app loads models
        long started = System.nanoTime();
        assertThat(shopper.say("add the " + "x".repeat(480) + "/y")).isNotBlank();
        assertThat(shopper.say("what's in my cart")).contains("cart is empty");
        // Generous for a busy test machine: a turn takes milliseconds; the backtracking took minutes.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    /**
     * Issue 14, items 3 and 4, through the real webhook: two requests in one message run in order,
     * each in the state the one before left (checkout, then the link, in one message); a vague count
     * is asked about, and nothing is added until the shopper says how many.
     */
    @Test
    void twoRequestsInOneMessageAndAVagueCountAsked() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var shopper = new WhatsAppShopper(http, TWILIO, "Tomas");
        assertThat(shopper.say("do you have any backpacks?")).contains("1. *");
        assertThat(shopper.say("the first one")).contains("Reply _add_");
        String userId = shoppers.findByAddress(shopper.phone).orElseThrow().id();
        String conversation = conversations.findLatest(userId, "twilio").orElseThrow().id();

        assertThat(shopper.say("add a few of those")).contains("How many");
        assertThat(carts.items(conversation)).isEmpty();
        assertThat(shopper.say("2")).contains("Added 2 ×");

        int before = shopper.replies().size();
        shopper.send("checkout and send me the link");
        String both = Eventually.until(() -> {
            var all = shopper.replies();
            return all.size() >= before + 2 ? String.join("\n", all.subList(before, all.size())) : null;
        }, "the order and the link");
        assertThat(both).contains("is ready").contains("/pay/");
        assertThat(conversations.findLatest(userId, "twilio").orElseThrow().state()).isEqualTo(State.AWAITING_PAYMENT);
        assertThat(orders.latestForUser(userId, 1).getFirst().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    }

    /**
     * Issue 14, item 5: a question nothing answers is left to a person and flags the conversation,
     * which admins list and clear; the answer an admin then sets is what the shopper hears next.
     */
    @Test
    void anUnansweredQuestionFlagsTheConversationAndTheAdminsAnswerIsHeardNext() {
        var http = new Http("http://localhost:" + port, JsonMapper.builder().build());
        var admin = http.withToken(ADMIN_TOKEN);
        admin.delete("/api/admin/settings/shop/hours");
        var shopper = new WhatsAppShopper(http, TWILIO, "Noor");

        assertThat(shopper.say("what time do you open on saturdays?")).contains("a person from the shop");
        Response waiting = admin.get("/api/admin/conversations?needs_person=true&size=100");
        assertThat(waiting.status()).isEqualTo(200);
        String id = conversations.findLatest(shoppers.findByAddress(shopper.phone).orElseThrow().id(), "twilio").orElseThrow().id();
        JsonNode flagged = null;
        for (JsonNode c : waiting.json().get("items")) {
            if (c.get("id").asString().equals(id)) {
                flagged = c;
            }
        }
        assertThat(flagged).as("the conversation waits for a person: %s", waiting.body()).isNotNull();
        assertThat(flagged.get("needs_person").get("reason").asString()).isEqualTo("needs a person: hours question");
        assertThat(admin.get("/api/admin/conversations/" + id).json().get("needs_person").get("reason").asString())
                .isEqualTo("needs a person: hours question");

        Response put = admin.putJson("/api/admin/settings/shop/hours", Map.of("answer", "Mon-Sat 9:00-18:00, closed Sundays."));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("source").asString()).isEqualTo("SETTINGS");
        assertThat(put.json().get("updated_by").asString()).isNotBlank();
        assertThat(shopper.say("and what are your opening hours?")).isEqualTo("Mon-Sat 9:00-18:00, closed Sundays.");

        assertThat(admin.delete("/api/admin/conversations/" + id + "/needs-person").status()).isEqualTo(204);
        assertThat(admin.get("/api/admin/conversations/" + id).json().get("needs_person").isNull()).isTrue();
        assertThat(admin.get("/api/admin/conversations?needs_person=true&size=100").body()).doesNotContain(id);
        assertThat(admin.delete("/api/admin/conversations/nope/needs-person").status()).isEqualTo(404);
    }
}
