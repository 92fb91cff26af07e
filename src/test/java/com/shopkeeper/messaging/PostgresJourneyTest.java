package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.cart.CartItem;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.MessageRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.ChatShopper;
import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.MetaStub;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestDatabases;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, part 2: the journeys on PostgreSQL, end to end. Two application instances share one
 * PostgreSQL database (its own, made for this class and dropped after) and one Redis, as two jars
 * behind a load balancer; Twilio's and Meta's APIs are WireMock. Every shopper's webhooks go to the
 * instances in turn (a redelivery to the other one), so each step of a purchase may be taken by
 * either: a paid order on each platform, the refusals, redeliveries answered once, twenty shoppers
 * at once, and a handoff taken on one instance and handed back on the other. Buttons pressed twice
 * reach both instances at the same moment (Pay, an admin's status change, take over, hand back):
 * SQLite's write lock serialises such transactions whole, PostgreSQL's row locks do not. What the
 * shop did is read back through the admin API and the repositories.
 */
class PostgresJourneyTest {

    static String database;
    static TwilioStub twilio;
    static MetaStub meta;
    static PrivateRedis redis;
    static ConfigurableApplicationContext one;
    static ConfigurableApplicationContext two;
    static Http first;
    static Http second;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabases.createPostgresDatabase("shopkeeper_pgjourney");
        twilio = TwilioStub.start();
        meta = MetaStub.start();
        redis = PrivateRedis.start(false);
        // One data directory: the two instances are one shop, with the same keys for its encrypted columns.
        Path data = Files.createTempDirectory("pg-journeys");
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.db.url", database,
                "shopkeeper.processor", "engine",
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true",
                "shopkeeper.engine.burst-window", "300ms",
                "shopkeeper.messaging.notices.backoff", "200ms",
                "shopkeeper.messaging.notices.poll-interval", "200ms"));
        props.putAll(twilio.properties());
        props.putAll(meta.properties());
        one = TestApps.start(data, redis.url(), props, ctx -> { });
        two = TestApps.start(data, redis.url(), props, ctx -> { });
        JsonMapper json = JsonMapper.builder().build();
        first = new Http("http://localhost:" + TestApps.port(one), json);
        second = new Http("http://localhost:" + TestApps.port(two), json);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {two, one}) {
            if (c != null) {
                c.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (twilio != null) {
            twilio.server().stop();
        }
        if (meta != null) {
            meta.server().stop();
        }
        if (database != null) {
            TestDatabases.dropPostgresDatabase(database);
        }
    }

    /** A shopper whose webhooks go to the two instances in turn. */
    static ChatShopper shopper(String platform, String name) {
        List<Http> doors = List.of(first, second);
        return platform.equals("twilio") ? WhatsAppShopper.through(doors, twilio, name) : CloudApiShopper.through(doors, meta, name);
    }

    static Http admin(Http instance) {
        return instance.withToken(AppTest.ADMIN_TOKEN);
    }

    static Conversation conversation(ChatShopper shopper, String platform) {
        String userId = one.getBean(ShopperRepository.class).findByAddress(shopper.e164()).orElseThrow().id();
        return one.getBean(ConversationRepository.class).findLatest(userId, platform).orElseThrow();
    }

    /** The transition log as the admin API gives it, "event:to" with "!reason" when refused. */
    static List<String> path(Http instance, Conversation c) {
        Http.Response r = admin(instance).get("/api/admin/conversations/" + c.id() + "/transitions");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().valueStream().map(t -> t.get("event").asString() + ":" + t.get("to").asString()
                + (t.get("outcome").asString().equals("REFUSED") ? "!" + t.get("reason").asString() : "")).toList();
    }

    /** Pays at the sandbox's page for the link in {@code reply}, on the instance given; answers the confirmation. */
    static String pay(ChatShopper shopper, String reply, Http instance) {
        String url = reply.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = shopper.replies().size();
        Http.Response paid = instance.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return shopper.awaitAfter(before, "the payment confirmation");
    }

    /** What the bot sent this conversation as the database has it. */
    static List<Message> answers(Conversation c) {
        return one.getBean(MessageRepository.class).recent(c.id(), 500).stream()
                .filter(m -> m.role() == Message.Role.ASSISTANT).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aPurchaseInWordsAndTapsEndsInOnePaidOrderWhicheverInstanceTakesEachWebhook(String platform) {
        ChatShopper shopper = shopper(platform, "Robin");
        assertThat(shopper.say("hi")).contains("Hi ");
        assertThat(shopper.say("do u have backpacks")).contains("1. *").containsIgnoringCase("backpack");
        String details = shopper.say("the first one");
        assertThat(details).contains("[Add to cart]");
        assertThat(shopper.tap("Add to cart")).contains("Added 1 ×").contains("[Checkout]");
        assertThat(shopper.say("add 1 more")).contains("Cart: 2 items");
        assertThat(shopper.tap("View cart")).contains("Your cart:").contains("[Checkout]");
        assertThat(shopper.tap("Checkout")).contains("is ready").contains("[Pay now]");
        String link = shopper.say("pay");
        // Pay pressed twice, the two posts reaching different instances at once: paid once.
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        String payPath = url.substring(url.indexOf("/pay/"));
        int before = shopper.replies().size();
        CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() ->
                first.post(payPath, "application/x-www-form-urlencoded", "action=pay"));
        CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() ->
                second.post(payPath, "application/x-www-form-urlencoded", "action=pay"));
        assertThat(List.of(a.join().status(), b.join().status())).containsExactlyInAnyOrder(200, 410);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");

        Conversation c = conversation(shopper, platform);
        assertThat(c.state()).isEqualTo(State.BROWSING);
        assertThat(one.getBean(CartRepository.class).items(c.id())).isEmpty();
        List<Order> orders = two.getBean(OrderRepository.class).forConversation(c.id());
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PAID);
            assertThat(o.items()).singleElement().satisfies(i -> assertThat(i.quantity()).isEqualTo(2));
        });
        JsonNode order = admin(first).get("/api/admin/orders/" + orders.getFirst().id()).json();
        assertThat(order.get("status").asString()).isEqualTo("PAID");
        assertThat(order.toString()).contains(orders.getFirst().reference());

        assertThat(path(second, c)).containsSubsequence("search_products:BROWSING", "get_product_details:PRODUCT_FOCUS",
                "add_to_cart:CART", "create_order:CHECKOUT", "get_payment_link:AWAITING_PAYMENT", "payment_confirmed:BROWSING")
                .noneMatch(step -> step.contains("!"));
        // Nothing was said twice, though every other webhook went to another instance.
        assertThat(shopper.replies()).doesNotHaveDuplicates();
        assertThat(shopper.sentIds()).doesNotHaveDuplicates();

        // The shop moves the order on from both instances at once (two admins, one click each): a
        // repeated change is not an error, and the shopper is told once.
        for (OrderStatus next : List.of(OrderStatus.FULFILLED, OrderStatus.SHIPPED)) {
            assertThat(changeOnBoth(orders.getFirst(), next)).as("%s", next)
                    .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200))
                    .allSatisfy(r -> assertThat(r.json().get("status").asString()).isEqualTo(next.name()));
        }
        String shipped = "Good news: your order " + orders.getFirst().reference() + " has shipped.";
        Eventually.until(() -> shopper.replies().contains(shipped) ? true : null, "the shipped notice");
        Eventually.settle(Duration.ofMillis(800)); // the notice retriers' polls, on both instances
        assertThat(shopper.replies()).doesNotHaveDuplicates().filteredOn(r -> r.contains(" is packed ")).hasSize(1);
        JsonNode notices = admin(first).get("/api/admin/conversations/" + c.id()).json().get("notices");
        assertThat(notices.valueStream().map(n -> n.get("notice").asString()).toList())
                .containsExactlyInAnyOrder("paid", "fulfilled", "shipped");
    }

    /** PATCHes the order's status through both instances at the same moment; answers both responses. */
    static List<Http.Response> changeOnBoth(Order order, OrderStatus next) {
        String path = "/api/admin/orders/" + order.id();
        Map<String, String> body = Map.of("status", next.name());
        CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> admin(first).patchJson(path, body));
        CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> admin(second).patchJson(path, body));
        return List.of(a.join(), b.join());
    }

    @Test
    void refusalsArePoliteChangeNothingAndAreOnRecord() {
        ChatShopper shopper = shopper("twilio", "Kit");
        assertThat(shopper.say("hi")).contains("Hi ");
        Conversation c = conversation(shopper, "twilio");
        State before = c.state();

        // Checkout with an empty cart.
        String empty = shopper.say("checkout");
        assertThat(empty).contains("cart is empty").doesNotContainIgnoringCase("error");
        assertThat(conversation(shopper, "twilio").state()).isEqualTo(before);
        assertThat(two.getBean(OrderRepository.class).forConversation(c.id())).isEmpty();
        assertThat(path(first, c).getLast()).startsWith("create_order:").contains("!");

        // A product the shop has run out of.
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        Http.Response created = admin(second).postJson("/api/admin/products", Map.of("sku", "OOS-" + word.substring(2),
                "name", "Moonstone Kettle " + word, "description", "A stovetop kettle.", "price", "39.00",
                "categories", List.of("Kitchen"), "in_stock", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(shopper.say("do you have a moonstone kettle " + word)).contains("Moonstone Kettle " + word);
        // By name: a list puts what is in stock first, so the sold-out kettle need not be the first one.
        String focused = shopper.say("the moonstone one");
        assertThat(focused).contains("Moonstone Kettle " + word);
        State focus = conversation(shopper, "twilio").state();
        String soldOut = shopper.say("add 1");
        assertThat(soldOut).contains("out of stock").doesNotContainIgnoringCase("error");
        assertThat(conversation(shopper, "twilio").state()).isEqualTo(focus);
        assertThat(one.getBean(CartRepository.class).items(c.id())).isEmpty();
        assertThat(path(second, c).getLast()).isEqualTo("add_to_cart:" + focus + "!out_of_stock");

        // A remove of something that is not in the cart.
        assertThat(shopper.say("do u have backpacks")).contains("1. *");
        assertThat(shopper.say("the first one")).contains("[Add to cart]");
        assertThat(shopper.say("add 1")).contains("Added 1 ×");
        List<CartItem> cart = one.getBean(CartRepository.class).items(c.id());
        String notThere = shopper.say("remove the moonstone kettle");
        assertThat(notThere).contains("isn't in your cart").doesNotContainIgnoringCase("error");
        assertThat(conversation(shopper, "twilio").state()).isEqualTo(State.CART);
        assertThat(two.getBean(CartRepository.class).items(c.id())).isEqualTo(cart);
        assertThat(path(first, c).getLast()).isEqualTo("remove_from_cart:CART!item_not_in_cart");

        // The admin API lists the refused calls with what they tried.
        JsonNode refused = admin(second).get("/api/admin/conversations/" + c.id() + "/transitions").json();
        assertThat(refused.valueStream().filter(t -> t.get("outcome").asString().equals("REFUSED")).count()).isEqualTo(3);
        assertThat(two.getBean(OrderRepository.class).forConversation(c.id())).isEmpty();
    }

    /** Deletes the queue's memory of which platform message ids it has let in. */
    static void forgetSeenMessageIds() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.url());
        try (var connection = client.connect()) {
            List<String> seen = connection.sync().keys("seen:*");
            assertThat(seen).isNotEmpty();
            connection.sync().del(seen.toArray(String[]::new));
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aWebhookPostedAgainToTheOtherInstanceIsAnsweredOnce(String platform) {
        ChatShopper shopper = shopper(platform, "Ari");
        // Redelivered after it was answered: the retry goes to the other instance.
        assertThat(shopper.say("do you have any candles")).containsIgnoringCase("candle");
        shopper.resend();
        shopper.resend();
        Eventually.settle(Duration.ofMillis(1500));
        assertThat(shopper.replies()).hasSize(1);

        // Redelivered while the first is still in its window, to the other instance.
        int before = shopper.replies().size();
        shopper.send("what's in my cart");
        shopper.resend();
        shopper.awaitAfter(before, "the answer to the cart");
        Eventually.settle(Duration.ofMillis(1500));
        assertThat(shopper.replies()).hasSize(before + 1);
        assertThat(shopper.replies().getLast()).contains("cart is empty");

        // Redelivered once Redis has forgotten the message ids (its memory lasts the dedupe TTL): the
        // database's turn ledger, which remembers for ever, still answers it once.
        forgetSeenMessageIds();
        shopper.resend();
        shopper.resend();
        Eventually.settle(Duration.ofMillis(1500));
        assertThat(shopper.replies()).hasSize(before + 1);

        Conversation c = conversation(shopper, platform);
        List<Message> said = one.getBean(MessageRepository.class).recent(c.id(), 100);
        assertThat(said.stream().filter(m -> m.role() == Message.Role.USER).map(Message::content))
                .containsExactly("do you have any candles", "what's in my cart");
        assertThat(answers(c)).hasSize(2);
    }

    @Test
    void twentyShoppersAtOnceEachEndWithOnePaidOrderAndNoAnswerTwice() throws Exception {
        Instant from = Instant.now();
        int n = 20;
        List<ChatShopper> shoppers = new ArrayList<>();
        List<String> platforms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Half through each instance, half on each platform.
            Http door = i < n / 2 ? first : second;
            String platform = i % 2 == 0 ? "twilio" : "meta";
            shoppers.add(platform.equals("twilio") ? new WhatsAppShopper(door, twilio, "Crowd " + i)
                    : new CloudApiShopper(door, meta, "Crowd " + i));
            platforms.add(platform);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ChatShopper s = shoppers.get(i);
                Http door = i < n / 2 ? first : second;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    assertThat(s.say("do you have backpacks")).contains("1. *");
                    assertThat(s.say("the first one")).contains("[Add to cart]");
                    assertThat(s.say("add 1")).contains("Added 1 ×");
                    assertThat(s.say("checkout")).contains("is ready");
                    return pay(s, s.say("pay"), door);
                }, pool));
            }
            for (CompletableFuture<String> run : runs) {
                assertThat(run.get()).startsWith("Payment received");
            }
        } finally {
            pool.shutdownNow();
        }

        Eventually.settle(Duration.ofSeconds(1));
        for (int i = 0; i < n; i++) {
            ChatShopper s = shoppers.get(i);
            Conversation c = conversation(s, platforms.get(i));
            assertThat(c.state()).as("shopper %d", i).isEqualTo(State.BROWSING);
            assertThat(one.getBean(OrderRepository.class).forConversation(c.id())).as("shopper %d", i)
                    .singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.PAID));
            assertThat(s.replies()).as("shopper %d", i).doesNotHaveDuplicates();
            assertThat(s.sentIds()).as("shopper %d", i).doesNotHaveDuplicates();
        }
        JsonNode paid = admin(second).get("/api/admin/orders?status=PAID&size=100&from=" + from).json();
        assertThat(paid.get("items").size()).isEqualTo(n);
    }

    @Test
    void aHandoffIsTakenOverOnOneInstanceAndHandedBackOnTheOther() throws Exception {
        ChatShopper shopper = shopper("meta", "Pat");
        assertThat(shopper.say("do you have lamps")).contains("1. *");
        assertThat(shopper.say("can I talk to a human please")).contains("person from the shop");
        Conversation c = conversation(shopper, "meta");
        assertThat(c.state()).isEqualTo(State.HANDOFF);

        // While a person has it, the bot says nothing, whichever instance takes the message.
        int before = shopper.replies().size();
        shopper.send("hello? is anyone there");
        shopper.send("hello??");
        Eventually.settle(Duration.ofSeconds(1));
        assertThat(shopper.replies()).hasSize(before);
        assertThat(admin(second).get("/api/admin/conversations?needs_person=true&size=100").body()).contains(c.id());

        assertThat(admin(first).post("/api/admin/conversations/" + c.id() + "/takeover", "application/json", "{}").json()
                .get("state").asString()).isEqualTo("HANDOFF");
        assertThat(admin(second).postJson("/api/admin/conversations/" + c.id() + "/messages",
                Map.of("text", "Hi Pat, Sam from the shop here. Which lamp were you after?")).status()).isEqualTo(202);
        assertThat(shopper.awaitAfter(before, "the person's message")).contains("Sam from the shop");
        JsonNode detail = admin(second).get("/api/admin/conversations/" + c.id()).json();
        assertThat(detail.get("state").asString()).isEqualTo("HANDOFF");
        assertThat(detail.get("handoff").get("taken_by").asString()).isNotBlank();
        assertThat(detail.toString()).contains("hello? is anyone there").contains("hello??");

        // Handed back on both instances at once: one of them does it, the other finds nothing to hand back.
        CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() ->
                admin(second).post("/api/admin/conversations/" + c.id() + "/handback", "application/json", "{}"));
        CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() ->
                admin(first).post("/api/admin/conversations/" + c.id() + "/handback", "application/json", "{}"));
        List<Integer> statuses = List.of(a.get().status(), b.get().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(conversation(shopper, "meta").state()).isEqualTo(State.BROWSING);
        assertThat(shopper.say("the first one")).contains("[Keep browsing]");

        List<String> steps = path(first, c);
        assertThat(steps).containsSubsequence("ask_for_person:HANDOFF", "handed_back:BROWSING");
        assertThat(steps.stream().filter(s -> s.startsWith("handed_back")).count()).isEqualTo(1);
        JsonNode handoff = admin(first).get("/api/admin/conversations/" + c.id()).json().path("handoff");
        assertThat(handoff.isNull() || handoff.isMissingNode()).as("no handoff: %s", handoff).isTrue();
    }

    /** Both "take over" buttons pressed at once, one on each instance, a few times over: one handoff each time. */
    @Test
    void twoAdminsTakingOverAtOnceOnBothInstancesMakeOneHandoff() throws Exception {
        ChatShopper shopper = shopper("twilio", "Lou");
        assertThat(shopper.say("do you have mugs")).contains("1. *");
        Conversation c = conversation(shopper, "twilio");
        for (int round = 1; round <= 5; round++) {
            String takeover = "/api/admin/conversations/" + c.id() + "/takeover";
            CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() ->
                    admin(first).post(takeover, "application/json", "{}"));
            CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() ->
                    admin(second).post(takeover, "application/json", "{}"));
            for (Http.Response r : List.of(a.get(), b.get())) {
                assertThat(r.status()).as("round %d: %s", round, r.body()).isEqualTo(200);
                assertThat(r.json().get("state").asString()).isEqualTo("HANDOFF");
            }
            assertThat(admin(second).post("/api/admin/conversations/" + c.id() + "/handback", "application/json", "{}")
                    .json().get("state").asString()).isEqualTo("BROWSING");
        }
        List<String> steps = path(first, c);
        assertThat(steps.stream().filter(s -> s.startsWith("handed_over")).count()).as("%s", steps).isEqualTo(5);
        assertThat(steps.stream().filter(s -> s.startsWith("handed_back")).count()).as("%s", steps).isEqualTo(5);
        double counted = 0;
        for (ConfigurableApplicationContext app : List.of(one, two)) {
            counted += app.getBean(MeterRegistry.class).counter("shopkeeper.handoffs", "reason", "admin").count();
        }
        assertThat(counted).as("handoffs counted").isEqualTo(5);
    }
}
