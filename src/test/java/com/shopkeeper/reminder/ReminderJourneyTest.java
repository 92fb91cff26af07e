package com.shopkeeper.reminder;

import static com.shopkeeper.db.Tables.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestClock;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, part 4, through Twilio's real webhook (WireMock standing in for its API): two instances
 * on one database, both workers looking for reminders every 200 ms, and a clock the test moves on.
 * An unpaid order is reminded of once before its link expires; an opted-out shopper and one whose
 * 24-hour window has closed are skipped, on record; abandoned carts are reminded of only once the
 * shop turns that on. The funnel counts each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReminderJourneyTest {

    /** A reminder template is configured, and must never be used: a reminder goes only free-form. */
    static final String TWILIO_REMINDER = "HXfedcba9876543210fedcba9876543210";

    static final TestClock clock = new TestClock();
    static TwilioStub twilio;
    static com.shopkeeper.support.MetaStub meta;
    static PrivateRedis redis;
    static ConfigurableApplicationContext app;
    static ConfigurableApplicationContext worker;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioStub.start();
        meta = com.shopkeeper.support.MetaStub.start();
        redis = PrivateRedis.start(false);
        Path data = Files.createTempDirectory("reminder-journeys");
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.processor", "engine",
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true",
                "shopkeeper.messaging.notices.backoff", "200ms",
                "shopkeeper.messaging.notices.poll-interval", "200ms",
                "shopkeeper.reminders.poll-interval", "200ms",
                "shopkeeper.twilio.templates.reminder", TWILIO_REMINDER));
        props.putAll(twilio.properties());
        props.putAll(meta.properties());
        app = TestApps.start(data, redis.url(), props, ctx -> ctx.registerBean("testClock", Clock.class, () -> clock,
                bd -> bd.setPrimary(true)));
        // A second instance, a worker only, on the same database: both look for reminders.
        Map<String, String> workerProps = new HashMap<>(props);
        workerProps.put("shopkeeper.roles", "worker");
        worker = TestApps.start(data, redis.url(), workerProps, ctx -> ctx.registerBean("testClock", Clock.class,
                () -> clock, bd -> bd.setPrimary(true)));
        http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {worker, app}) {
            if (c != null) {
                c.close();
            }
        }
        redis.close();
        twilio.server().stop();
        meta.server().stop();
    }

    static Http admin() {
        return http.withToken(AppTest.ADMIN_TOKEN);
    }

    static Conversation conversation(WhatsAppShopper shopper) {
        String userId = app.getBean(ShopperRepository.class).findByAddress(shopper.e164()).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(userId, "twilio").orElseThrow();
    }

    /** From hello to a payment link, as in PlatformJourneyTest; answers the link. */
    static String orderAndAskToPay(WhatsAppShopper shopper) {
        assertThat(shopper.say("hi")).contains("Hi ");
        assertThat(shopper.say("do u have backpacks")).contains("1. *").containsIgnoringCase("backpack");
        assertThat(shopper.say("the first one")).contains("Reply _add_");
        assertThat(shopper.say("add 2")).contains("Added 2 ×");
        assertThat(shopper.say("checkout")).contains("is ready");
        String reply = shopper.say("pay");
        return reply.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
    }

    static List<String> reminders(WhatsAppShopper shopper) {
        return shopper.replies().stream().filter(r -> r.startsWith("A reminder") || r.startsWith("You left something"))
                .toList();
    }

    static List<String> notices(Conversation c) {
        JsonNode detail = admin().get("/api/admin/conversations/" + c.id()).json();
        return detail.get("notices").valueStream().map(n -> n.get("notice").asString() + "/" + n.get("via").asString("-")
                + "/" + n.get("status").asString()).toList();
    }

    static JsonNode funnelSince(Instant from) {
        Http.Response r = admin().get("/api/admin/metrics/funnel?from=" + from);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("reminders");
    }

    /** The counter summed over both instances: whichever decided the reminder counted it. */
    static double counted(String kind, String outcome) {
        double sum = 0;
        for (ConfigurableApplicationContext c : List.of(app, worker)) {
            Counter counter = c.getBean(MeterRegistry.class).find("shopkeeper.reminders").tag("kind", kind)
                    .tag("outcome", outcome).counter();
            sum += counter == null ? 0 : counter.count();
        }
        return sum;
    }

    /** The shopper's last message is 25 hours old, by the application's clock. */
    static void windowClosed(Conversation c) {
        app.getBean(DSLContext.class).update(MESSAGES)
                .set(MESSAGES.TIMESTAMP, clock.instant().minus(Duration.ofHours(25)))
                .where(MESSAGES.CONVERSATION_ID.eq(c.id()))
                .and(MESSAGES.ROLE.eq(Message.Role.USER.column()))
                .execute();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void anUnpaidOrderIsRemindedOfOnceBeforeItsLinkExpiresAndThePaymentAfterItIsCounted() {
        Instant from = clock.instant();
        WhatsAppShopper robin = new WhatsAppShopper(http, twilio, "Robin");
        String link = orderAndAskToPay(robin);
        Conversation c = conversation(robin);
        Order order = app.getBean(OrderRepository.class).forConversation(c.id()).getFirst();

        // The sandbox's link lives 30 minutes: not reminded of in its first half, however soon it expires.
        Eventually.settle(Duration.ofSeconds(1));
        assertThat(reminders(robin)).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        int before = robin.replies().size();
        String reminder = robin.awaitAfter(before, "the reminder");
        assertThat(reminder).startsWith("A reminder: your order *" + order.reference() + "* (" + order.total().display() + ")")
                .contains(link).contains("The link works until ");

        // Both workers keep polling: the reminder was claimed once, and is sent once.
        Eventually.settle(Duration.ofMillis(1500));
        assertThat(reminders(robin)).hasSize(1);
        assertThat(notices(c)).containsExactly("reminder/text/queued");
        assertThat(counted("unpaid-order", "sent")).isEqualTo(1);

        // Twilio says the window had closed after all (63016): a reminder is never sent as its template.
        String sid = robin.sentIds().getLast();
        assertThat(robin.reportStatus(sid, "failed", 63016)).isEqualTo(200);
        Eventually.until(() -> notices(c).equals(List.of("reminder/text/failed")) ? true : null, "the failure on record");
        Eventually.settle(Duration.ofMillis(800)); // the notice retrier's polls: nothing written down to go as a template
        assertThat(notices(c)).containsExactly("reminder/text/failed");
        assertThat(twilio.requestsTo(robin.phone)).noneMatch(r -> r.getBodyAsString().contains(TWILIO_REMINDER));

        int beforePaying = robin.replies().size();
        assertThat(http.post(link.substring(link.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay")
                .status()).isEqualTo(200);
        assertThat(robin.awaitAfter(beforePaying, "the payment confirmation")).startsWith("Payment received");

        JsonNode unpaid = funnelSince(from).get("unpaid_orders");
        assertThat(unpaid.get("reminded").asLong()).isEqualTo(1);
        assertThat(unpaid.get("paid_after").asLong()).isEqualTo(1);
        assertThat(unpaid.get("paid_after_rate").asDouble()).isEqualTo(1.0);
        assertThat(unpaid.get("skipped_outside_window").asLong()).isZero();
        assertThat(unpaid.get("skipped_opted_out").asLong()).isZero();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void noReminderGoesToAShopperWhoOptedOutNorOutsideTheWindowAndTheSkipsAreCounted() {
        Instant from = clock.instant();
        WhatsAppShopper kit = new WhatsAppShopper(http, twilio, "Kit");
        orderAndAskToPay(kit);
        assertThat(kit.say("STOP")).startsWith("You won't get any more messages");
        WhatsAppShopper lee = new WhatsAppShopper(http, twilio, "Lee");
        orderAndAskToPay(lee);
        windowClosed(conversation(lee));
        int kitBefore = kit.replies().size();
        int leeBefore = lee.replies().size();

        clock.advance(Duration.ofMinutes(16));
        JsonNode unpaid = Eventually.until(() -> {
            JsonNode u = funnelSince(from).get("unpaid_orders");
            return u.get("skipped_opted_out").asLong() + u.get("skipped_outside_window").asLong() == 2 ? u : null;
        }, "both reminders decided");
        assertThat(unpaid.get("skipped_opted_out").asLong()).isEqualTo(1);
        assertThat(unpaid.get("skipped_outside_window").asLong()).isEqualTo(1);
        assertThat(unpaid.get("reminded").asLong()).isZero();

        Eventually.settle(Duration.ofMillis(1000));
        assertThat(kit.replies()).hasSize(kitBefore);
        assertThat(lee.replies()).hasSize(leeBefore);
        // Not even written down as a notice: a skipped reminder never reaches the outbox (nor its template).
        assertThat(notices(conversation(lee))).noneMatch(n -> n.startsWith("reminder"));
        assertThat(twilio.requestsTo(lee.phone)).noneMatch(r -> r.getBodyAsString().contains(TWILIO_REMINDER));
        assertThat(counted("unpaid-order", "opted-out")).isEqualTo(1);
        assertThat(counted("unpaid-order", "outside-window")).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void abandonedCartsAreRemindedOfOnlyOnceTheShopTurnsItOnAndOncePerCart() {
        JsonNode settings = admin().get("/api/admin/settings/reminders").json();
        assertThat(settings.valueStream().map(s -> s.get("name").asString() + "=" + s.get("value").asString() + " "
                + s.get("source").asString()).toList())
                .containsExactly("abandoned-cart-reminders=off CONFIGURATION", "abandoned-after=PT4H CONFIGURATION");

        Instant from = clock.instant();
        WhatsAppShopper ari = new WhatsAppShopper(http, twilio, "Ari");
        assertThat(ari.say("do u have backpacks")).containsIgnoringCase("backpack");
        assertThat(ari.say("the first one")).contains("Reply _add_");
        assertThat(ari.say("add 1")).contains("Added 1 ×");
        int before = ari.replies().size();

        // Five quiet hours: abandoned, but the shop has not turned the reminders on.
        clock.advance(Duration.ofHours(5));
        Eventually.settle(Duration.ofSeconds(1));
        assertThat(ari.replies()).hasSize(before);

        Http.Response on = admin().putJson("/api/admin/settings/reminders/abandoned-cart-reminders", Map.of("value", "on"));
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("value").asString()).isEqualTo("on");
        assertThat(on.json().get("source").asString()).isEqualTo("SETTINGS");
        try {
            String reminder = ari.awaitAfter(before, "the cart reminder");
            assertThat(reminder).startsWith("You left something in your cart: 1 × ").contains("Reply *checkout*");
            Eventually.settle(Duration.ofMillis(1500));
            assertThat(reminders(ari)).hasSize(1);
            assertThat(notices(conversation(ari))).containsExactly("reminder/text/queued");
            assertThat(counted("abandoned-cart", "sent")).isEqualTo(1);

            assertThat(ari.say("checkout")).contains("is ready");
            JsonNode carts = funnelSince(from).get("abandoned_carts");
            assertThat(carts.get("reminded").asLong()).isEqualTo(1);
            assertThat(carts.get("ordered_after").asLong()).isEqualTo(1);
            assertThat(carts.get("ordered_after_rate").asDouble()).isEqualTo(1.0);
        } finally {
            assertThat(admin().delete("/api/admin/settings/reminders/abandoned-cart-reminders").json().get("value")
                    .asString()).isEqualTo("off");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void theSettingsTakeOnlyWhatTheyMeanAndOnlyFromAnAdmin() {
        Http.Response after = admin().putJson("/api/admin/settings/reminders/abandoned-after", Map.of("value", "90m"));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("value").asString()).isEqualTo("PT1H30M");
        assertThat(admin().get("/api/admin/settings/reminders/abandoned-after").json().get("updated_by").asString())
                .isNotBlank();

        for (String bad : List.of("5m", "24h", "soon")) {
            Http.Response r = admin().putJson("/api/admin/settings/reminders/abandoned-after", Map.of("value", bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(admin().putJson("/api/admin/settings/reminders/abandoned-cart-reminders", Map.of("value", "maybe"))
                .status()).isEqualTo(400);
        assertThat(admin().putJson("/api/admin/settings/reminders/abandoned-cart-reminders", Map.of("value", " "))
                .status()).isEqualTo(400);
        assertThat(admin().putJson("/api/admin/settings/reminders/weekly-newsletter", Map.of("value", "on")).status())
                .isEqualTo(404);

        String viewerToken = admin().postJson("/api/admin/tokens", Map.of("name", "front-desk", "role", "VIEWER"))
                .json().get("token").asString();
        Http viewer = http.withToken(viewerToken);
        assertThat(viewer.get("/api/admin/settings/reminders").status()).isEqualTo(200);
        assertThat(viewer.putJson("/api/admin/settings/reminders/abandoned-cart-reminders", Map.of("value", "on"))
                .status()).isEqualTo(403);
        assertThat(http.get("/api/admin/settings/reminders").status()).isEqualTo(401);

        Http.Response reset = admin().delete("/api/admin/settings/reminders/abandoned-after");
        assertThat(reset.json().get("value").asString()).isEqualTo("PT4H");
        assertThat(reset.json().get("source").asString()).isEqualTo("CONFIGURATION");
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void anUnpaidOrderOnTheCloudApiIsRemindedOfOnceToo() {
        com.shopkeeper.support.CloudApiShopper sol = new com.shopkeeper.support.CloudApiShopper(http, meta, "Sol");
        assertThat(sol.say("hi")).contains("Hi ");
        assertThat(sol.say("do u have backpacks")).contains("1. *");
        assertThat(sol.say("the first one")).contains("Reply _add_");
        assertThat(sol.say("add 1")).contains("Added 1 ×");
        assertThat(sol.say("checkout")).contains("is ready");
        String link = sol.say("pay").lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        String userId = app.getBean(ShopperRepository.class).findByAddress(sol.e164()).orElseThrow().id();
        Conversation c = app.getBean(ConversationRepository.class).findLatest(userId, "meta").orElseThrow();
        Order order = app.getBean(OrderRepository.class).forConversation(c.id()).getFirst();

        int before = sol.replies().size();
        clock.advance(Duration.ofMinutes(16));
        String reminder = sol.awaitAfter(before, "the reminder on the Cloud API");
        assertThat(reminder).startsWith("A reminder: your order *" + order.reference() + "*").contains(link);
        // Sent once as a free-form text message, in Meta's documented shape; both workers polled.
        Eventually.settle(Duration.ofMillis(1500));
        assertThat(sol.replies().stream().filter(r -> r.startsWith("A reminder"))).hasSize(1);
        assertThat(notices(c)).containsExactly("reminder/text/queued");
        assertThat(sol.requests().getLast().getBodyAsString()).contains("\"type\":\"text\"").contains("\"messaging_product\":\"whatsapp\"");
    }
}
