package com.shopkeeper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.Product;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Guard;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.conversation.TransitionTable;
import com.shopkeeper.money.Money;
import com.shopkeeper.order.OrderCreation;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderService;
import com.shopkeeper.payment.PaymentLinkResult;
import com.shopkeeper.payment.PaymentService;
import com.shopkeeper.shopper.Shopper;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The conversation admin API and the machine as data, read through HTTP with admin and viewer
 * tokens, over conversations written the way the engine writes them.
 */
class ConversationAdminApiTest extends AppTest {

    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired MessageRepository messages;
    @Autowired TransitionLog transitions;
    @Autowired CartRepository carts;
    @Autowired ProductService products;
    @Autowired OrderService orders;
    @Autowired LiveFeed feed;
    @Autowired OrderRepository orderRepository;
    @Autowired PaymentService paymentService;

    record Scene(String phone, Conversation conversation, Product lamp, Message hello, Message checkout, String orderRef) {
    }

    /** A shopper who searched, looked, added two lamps, tried to pay too early and ordered. */
    Scene shopperWhoOrdered() {
        String phone = "whatsapp:+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        Shopper shopper = shoppers.touch(phone, "Ada");
        Conversation c = conversations.create(shopper.id(), "twilio");
        Product lamp = products.create(new ProductDraft("MON-" + UUID.randomUUID().toString().substring(0, 8),
                "Brass Desk Lamp", "warm light", Money.of("24.50", "USD"), List.of("Lighting"), null, true, Map.of()));
        Message hello = messages.append(c.id(), Message.Role.USER, "any desk lamps?", "SM" + UUID.randomUUID());
        messages.append(c.id(), Message.Role.ASSISTANT, "1. *Brass Desk Lamp* $24.50", null);
        transitions.append(c.id(), State.BROWSING, "search_products", State.BROWSING, Transition.Outcome.APPLIED, null, hello.id());
        transitions.append(c.id(), State.BROWSING, "get_product_details", State.PRODUCT_FOCUS, Transition.Outcome.APPLIED, null, hello.id());
        carts.add(c.id(), lamp.id(), 2);
        transitions.append(c.id(), State.PRODUCT_FOCUS, "add_to_cart", State.CART, Transition.Outcome.APPLIED, null, hello.id());
        Message checkout = messages.append(c.id(), Message.Role.USER, "send me the payment link", "SM" + UUID.randomUUID());
        transitions.append(c.id(), State.CART, "get_payment_link", State.CART, Transition.Outcome.REFUSED,
                "not_allowed_in_state", checkout.id());
        OrderCreation created = orders.createFromCart(c.id());
        assertThat(created).isInstanceOf(OrderCreation.Created.class);
        transitions.append(c.id(), State.CART, "create_order", State.CHECKOUT, Transition.Outcome.APPLIED, null, checkout.id());
        Conversation now = conversations.find(c.id()).orElseThrow();
        conversations.save(new Conversation(now.id(), now.userId(), now.platform(), State.CHECKOUT, now.context(),
                lamp.id(), now.version(), now.createdAt(), now.updatedAt()));
        return new Scene(phone, conversations.find(c.id()).orElseThrow(), lamp, hello, checkout,
                ((OrderCreation.Created) created).order().reference());
    }

    /**
     * The replies a shopper was sent carry their pay link, and the sandbox's pays the order for
     * whoever holds it: the conversation view shows where a link was, never the link.
     */
    @Test
    void theConversationViewHidesThePayLinksItsRepliesCarried() {
        Scene scene = shopperWhoOrdered();
        String orderId = orderRepository.forConversation(scene.conversation().id()).getFirst().id();
        var link = (PaymentLinkResult.Link) paymentService.paymentLink(orderId);
        String token = link.url().substring(link.url().lastIndexOf('/') + 1);
        messages.append(scene.conversation().id(), Message.Role.ASSISTANT,
                "Here's the payment link for order *" + scene.orderRef() + "*:\n" + link.url(), null);
        String viewer = admin().postJson("/api/admin/tokens",
                Map.of("name", "viewer-" + UUID.randomUUID().toString().substring(0, 8), "role", "VIEWER"))
                .json().get("token").asString();

        Response r = http().withToken(viewer).get("/api/admin/conversations/" + scene.conversation().id());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(token).doesNotContain("/pay/");
        assertThat(r.json().get("messages").valueStream().map(m -> m.get("text").asString()).toList())
                .contains("Here's the payment link for order *" + scene.orderRef() + "*:\n[payment link]");
    }

    @Test
    void theMachineIsServedStraightFromTheTransitionTable() {
        JsonNode machine = admin().get("/api/admin/statemachine").json();
        assertThat(machine.get("states").valueStream().map(JsonNode::asString).toList())
                .containsExactly("BROWSING", "PRODUCT_FOCUS", "CART", "CHECKOUT", "AWAITING_PAYMENT", "HANDOFF");
        assertThat(machine.get("initial").asString()).isEqualTo("BROWSING");
        List<TransitionTable.Row> rows = TransitionTable.rows();
        JsonNode served = machine.get("transitions");
        assertThat(served.size()).isEqualTo(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TransitionTable.Row row = rows.get(i);
            JsonNode t = served.get(i);
            assertThat(t.get("from").asString()).isEqualTo(row.from().name());
            assertThat(t.get("event").asString()).isEqualTo(row.event().wireName());
            assertThat(t.get("to").asString()).isEqualTo(row.to().name());
            assertThat(t.get("guard").isNull()).isEqualTo(row.guard() == Guard.NONE);
            assertThat(t.get("kind").asString()).isEqualTo(row.event().isFunction() ? "function" : "outside");
        }
        assertThat(served.valueStream().filter(t -> t.get("from").asString().equals("CART")
                && t.get("event").asString().equals("create_order")).findFirst().orElseThrow().get("guard").asString())
                .isEqualTo(Guard.CART_READY.label());
    }

    @Test
    void aConversationListsWithAMaskedShopperItsCartSizeAndOpenOrder() {
        Scene scene = shopperWhoOrdered();
        Response page = admin().get("/api/admin/conversations?state=CHECKOUT&size=100");
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("page").asInt()).isZero();
        assertThat(body.get("size").asInt()).isEqualTo(100);
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode mine = body.get("items").valueStream()
                .filter(i -> i.get("id").asString().equals(scene.conversation().id())).findFirst().orElseThrow();
        String digits = scene.phone().substring("whatsapp:".length());
        assertThat(mine.get("shopper").asString()).endsWith(digits.substring(digits.length() - 4)).doesNotContain(digits)
                .contains("*");
        assertThat(mine.get("state").asString()).isEqualTo("CHECKOUT");
        assertThat(mine.get("platform").asString()).isEqualTo("twilio");
        assertThat(mine.get("cart_size").asInt()).isEqualTo(2);
        assertThat(mine.get("open_order").get("reference").asString()).isEqualTo(scene.orderRef());
        assertThat(mine.get("open_order").get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(mine.get("open_order").get("total").asString()).isEqualTo("49.00");
        assertThat(mine.get("updated_at").asString()).isNotBlank();
        assertThat(page.body()).doesNotContain(digits);

        // Every item of a state filter is in that state; paging is honoured.
        JsonNode browsing = admin().get("/api/admin/conversations?state=BROWSING&size=1").json();
        assertThat(browsing.get("items").size()).isLessThanOrEqualTo(1);
        browsing.get("items").forEach(i -> assertThat(i.get("state").asString()).isEqualTo("BROWSING"));
        assertThat(admin().get("/api/admin/conversations?size=0").status()).isEqualTo(400);
        Response badState = admin().get("/api/admin/conversations?state=SHOPPING");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void oneConversationShowsItsMessagesCartAndOrders() {
        Scene scene = shopperWhoOrdered();
        Response found = admin().get("/api/admin/conversations/" + scene.conversation().id());
        assertThat(found.status()).isEqualTo(200);
        JsonNode c = found.json();
        assertThat(c.get("state").asString()).isEqualTo("CHECKOUT");
        assertThat(c.get("shopper_name").asString()).isEqualTo("Ada");
        assertThat(c.get("message_count").asInt()).isEqualTo(3);
        List<String> said = new ArrayList<>();
        c.get("messages").forEach(m -> said.add(m.get("role").asString() + ": " + m.get("text").asString()));
        assertThat(said).containsExactly("user: any desk lamps?", "assistant: 1. *Brass Desk Lamp* $24.50",
                "user: send me the payment link");
        JsonNode line = c.get("cart").get("items").get(0);
        assertThat(line.get("name").asString()).isEqualTo("Brass Desk Lamp");
        assertThat(line.get("quantity").asInt()).isEqualTo(2);
        assertThat(line.get("unit_price").asString()).isEqualTo("24.50");
        assertThat(line.get("line_total").asString()).isEqualTo("49.00");
        assertThat(c.get("cart").get("total").asString()).isEqualTo("49.00");
        assertThat(c.get("cart").get("currency").asString()).isEqualTo("USD");
        assertThat(c.get("orders").get(0).get("reference").asString()).isEqualTo(scene.orderRef());
        assertThat(found.body()).doesNotContain(scene.phone().substring("whatsapp:".length()));
    }

    @Test
    void theTransitionLogComesInOrderWithRefusalsAndTheirReasons() {
        Scene scene = shopperWhoOrdered();
        JsonNode steps = admin().get("/api/admin/conversations/" + scene.conversation().id() + "/transitions").json();
        List<String> path = new ArrayList<>();
        steps.forEach(s -> path.add(s.get("from").asString() + " " + s.get("event").asString() + " "
                + s.get("to").asString() + " " + s.get("outcome").asString()));
        assertThat(path).containsExactly(
                "BROWSING search_products BROWSING APPLIED",
                "BROWSING get_product_details PRODUCT_FOCUS APPLIED",
                "PRODUCT_FOCUS add_to_cart CART APPLIED",
                "CART get_payment_link CART REFUSED",
                "CART create_order CHECKOUT APPLIED");
        JsonNode refused = steps.get(3);
        assertThat(refused.get("reason").asString()).isEqualTo("not_allowed_in_state");
        assertThat(refused.get("tried_to").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(refused.get("message_id").asString()).isEqualTo(scene.checkout().id());
        assertThat(steps.get(0).get("seq").asInt()).isEqualTo(1);
        assertThat(steps.get(0).get("at").asString()).isNotBlank();
        assertThat(steps.get(0).get("tried_to").isNull()).isTrue();
    }

    @Test
    void theLiveFeedStreamsStartsAndStepsAsServerSentEvents() throws Exception {
        // Stopped and started again, as the test framework pauses an idle context (and a feed that
        // shut its publisher for good went silent: the first run of the whole suite caught it).
        feed.stop();
        feed.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/live"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Accept", "text/event-stream").build();
        HttpClient client = HttpClient.newHttpClient();
        try {
            // Async, never on this thread: when the response has already arrived, thenAccept runs its callback here, and
            // reading a stream that never ends had hung the suite (a clean-clone run of 9372f49 caught it).
            client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> r.body().forEach(lines::add));
            assertThat(nextData(lines, "ready")).isEqualTo("{}");
            Scene scene = shopperWhoOrdered();
            JsonNode started = json.readTree(nextData(lines, "started"));
            assertThat(started.get("conversation_id").asString()).isEqualTo(scene.conversation().id());
            assertThat(started.get("state").asString()).isEqualTo("BROWSING");
            // A shopper's message is news too (in HANDOFF nothing else follows it), but never its text.
            String said = nextData(lines, "message");
            JsonNode message = json.readTree(said);
            assertThat(message.get("conversation_id").asString()).isEqualTo(scene.conversation().id());
            assertThat(message.get("message_id").asString()).isEqualTo(scene.hello().id());
            assertThat(said).doesNotContain("desk lamps");
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                JsonNode step = json.readTree(nextData(lines, "transition"));
                assertThat(step.get("conversation_id").asString()).isEqualTo(scene.conversation().id());
                seen.add(step.get("seq").asInt() + " " + step.get("event").asString() + " " + step.get("outcome").asString()
                        + (step.get("tried_to").isNull() ? "" : " " + step.get("tried_to").asString()));
            }
            assertThat(seen).containsExactly("1 search_products APPLIED", "2 get_product_details APPLIED",
                    "3 add_to_cart APPLIED", "4 get_payment_link REFUSED AWAITING_PAYMENT", "5 create_order APPLIED");
        } finally {
            client.shutdownNow(); // the stream never ends by itself: close() would wait for it forever
        }
        assertThat(http().get("/api/admin/live").status()).isEqualTo(401);
    }

    @Test
    void aPersonWhoTakesOverIsNamedAndWhatTheyWriteIsShownWithHowItWent() {
        Scene scene = shopperWhoOrdered();
        String id = scene.conversation().id();
        assertThat(admin().get("/api/admin/conversations/" + id).json().get("handoff").isNull()).isTrue();

        assertThat(admin().post("/api/admin/conversations/" + id + "/takeover", "application/json", "{}").json()
                .get("state").asString()).isEqualTo("HANDOFF");
        JsonNode detail = admin().get("/api/admin/conversations/" + id).json();
        assertThat(detail.get("state").asString()).isEqualTo("HANDOFF");
        // The token's name, as the admin UI shows whoever signed in.
        assertThat(detail.get("handoff").get("taken_by").asString()).isEqualTo("bootstrap");
        assertThat(detail.get("handoff").get("reason").asString()).contains("taken over by bootstrap");
        assertThat(detail.get("handoff").get("came_from").asString()).isEqualTo("CHECKOUT");
        assertThat(detail.get("handoff").get("since").asString()).isNotBlank();
        assertThat(detail.get("reach").asString()).isEqualTo("FREE_FORM"); // the shopper wrote just now
        JsonNode listed = admin().get("/api/admin/conversations?state=HANDOFF&size=1000").json().get("items").valueStream()
                .filter(c -> c.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(listed.get("handoff").get("taken_by").asString()).isEqualTo("bootstrap");

        Response sent = admin().postJson("/api/admin/conversations/" + id + "/messages", Map.of("text", " Hi Ada, Sam here "));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().get("notice").asString()).isEqualTo("admin");
        assertThat(sent.json().get("text").asString()).isEqualTo("Hi Ada, Sam here");
        assertThat(sent.json().get("via").asString()).isEqualTo("text");
        detail = admin().get("/api/admin/conversations/" + id).json();
        assertThat(detail.get("notices").valueStream().filter(n -> n.get("notice").asString().equals("admin"))
                .map(n -> n.get("text").asString()).toList()).containsExactly("Hi Ada, Sam here");
        assertThat(detail.get("handoff").get("answered_at").asString()).isNotBlank();

        assertThat(admin().post("/api/admin/conversations/" + id + "/handback", "application/json", "{}").json()
                .get("state").asString()).isEqualTo("CHECKOUT");
        assertThat(admin().get("/api/admin/conversations/" + id).json().get("handoff").isNull()).isTrue();
    }

    /** The data of the next event named {@code name} (other events are skipped). */
    private static String nextData(BlockingQueue<String> lines, String name) throws InterruptedException {
        String event = null;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && name.equals(event)) {
                return line.substring(5).strip();
            }
        }
        throw new AssertionError("no '" + name + "' event within 10 s");
    }

    @Test
    void unknownConversationsAre404Problems() {
        for (String path : List.of("/api/admin/conversations/nope", "/api/admin/conversations/nope/transitions")) {
            Response r = admin().get(path);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void activityCountsTheWindowsTrafficPerEdgeAndWhereRefusedCallsTried() {
        shopperWhoOrdered();
        JsonNode a = admin().get("/api/admin/statemachine/activity?window=PT10M").json();
        assertThat(a.get("window_seconds").asLong()).isEqualTo(600);
        assertThat(a.get("counts").get("CHECKOUT").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode refused = a.get("edges").valueStream().filter(e -> e.get("outcome").asString().equals("REFUSED")
                && e.get("event").asString().equals("get_payment_link")).findFirst().orElseThrow();
        assertThat(refused.get("from").asString()).isEqualTo("CART");
        assertThat(refused.get("to").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(refused.get("reason").asString()).isEqualTo("not_allowed_in_state");
        JsonNode add = a.get("edges").valueStream().filter(e -> e.get("event").asString().equals("add_to_cart")
                && e.get("outcome").asString().equals("APPLIED")).findFirst().orElseThrow();
        assertThat(add.get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(add.get("per_minute").asDouble()).isEqualTo(Math.round(add.get("count").asLong() / 10.0 * 100) / 100.0);
        for (String bad : List.of("forever", "P90D", "PT0S", "-PT1H")) {
            Response r = admin().get("/api/admin/statemachine/activity?window=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aViewerReadsEveryMonitorEndpointAndNobodyReadsWithoutAToken() {
        Scene scene = shopperWhoOrdered();
        String viewerToken = admin().postJson("/api/admin/tokens", Map.of("name", "wall", "role", "VIEWER")).json()
                .get("token").asString();
        var viewer = http().withToken(viewerToken);
        List<String> reads = List.of("/api/admin/statemachine", "/api/admin/statemachine/activity",
                "/api/admin/conversations", "/api/admin/conversations/" + scene.conversation().id(),
                "/api/admin/conversations/" + scene.conversation().id() + "/transitions");
        for (String path : reads) {
            assertThat(viewer.get(path).status()).as(path).isEqualTo(200);
            Response anonymous = http().get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(viewer.patchJson("/api/admin/orders/any", Map.of("status", "CANCELLED")).status()).isEqualTo(403);
    }
}
