package com.shopkeeper.messaging;

import static com.shopkeeper.db.Tables.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Message;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.BothPlatforms;
import com.shopkeeper.support.ChatShopper;
import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15: the same journeys on both WhatsApp platforms, through their real webhooks (Twilio's
 * signed forms, Meta's signed JSON), with WireMock standing in for their APIs; one shop with both
 * turned on by configuration alone. Then what only the platforms' news and rules bring: delivery
 * statuses, the 24-hour window with its templates, and notices retried until the platform takes them.
 */
class PlatformJourneyTest {

    static final String TWILIO_SHIPPED = "HX0123456789abcdef0123456789abcdef";


    static BothPlatforms shop;

    @BeforeAll
    static void start() throws Exception {
        shop = BothPlatforms.start("platform-journeys", Map.of(
                "shopkeeper.messaging.notices.backoff", "200ms",
                "shopkeeper.messaging.notices.poll-interval", "200ms",
                "shopkeeper.twilio.templates.shipped", TWILIO_SHIPPED,
                "shopkeeper.meta.templates.shipped.name", "order_shipped",
                "shopkeeper.meta.templates.shipped.language", "en_GB"));
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    static Http admin() {
        return shop.admin();
    }

    static Conversation conversation(ChatShopper shopper, String platform) {
        return shop.conversation(shopper, platform);
    }

    /** Search to a paid order, as in OfflineJourneyTest; answers the order. */
    static Order buy(ChatShopper shopper, String platform) {
        assertThat(shopper.say("hi")).contains("Hi ");
        assertThat(shopper.say("do u have backpacks")).contains("1. *").containsIgnoringCase("backpack");
        assertThat(shopper.say("the first one")).contains("Reply _add_");
        assertThat(shopper.say("add 2")).contains("Added 2 ×");
        assertThat(shopper.say("checkout")).contains("is ready");
        String link = shopper.say("pay");
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = shopper.replies().size();
        assertThat(shop.http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");
        Conversation c = conversation(shopper, platform);
        assertThat(c.state()).isEqualTo(State.BROWSING);
        Order order = shop.app.getBean(OrderRepository.class).forConversation(c.id()).getFirst();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        return order;
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void searchToPaidOrderWithDeliveryStatusesThatNeverGoBack(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Robin");
        buy(shopper, platform);
        assertThat(shopper.say("where is my order?")).contains("paid");

        // Every message the bot sent is on record with the platform's id; statuses arrive out of order.
        List<String> ids = shopper.sentIds();
        assertThat(ids).hasSameSizeAs(shopper.replies());
        String last = ids.getLast();
        assertThat(shopper.reportStatus(last, "read", null)).isEqualTo(200);
        assertThat(shopper.reportStatus(last, "delivered", null)).isEqualTo(200);
        assertThat(shopper.reportStatus(last, "sent", null)).isEqualTo(200);
        assertThat(shopper.reportStatus(ids.getFirst(), "delivered", null)).isEqualTo(200);
        // A failure after the phone showed it cannot be: ignored.
        assertThat(shopper.reportStatus(ids.getFirst(), "failed", 131026)).isEqualTo(200);

        JsonNode detail = admin().get("/api/admin/conversations/" + conversation(shopper, platform).id()).json();
        List<JsonNode> answers = detail.get("messages").valueStream().filter(m -> m.get("role").asString().equals("assistant")).toList();
        // In order: the greeting was delivered, the answer to "where is my order?" read, the rest queued.
        assertThat(answers.getFirst().get("delivery").asString()).isEqualTo("delivered");
        assertThat(answers.getFirst().get("error_code").isNull()).isTrue();
        assertThat(answers.getLast().get("delivery").asString()).isEqualTo("read");
        assertThat(answers.subList(1, answers.size() - 1)).allSatisfy(m -> assertThat(m.get("delivery").asString()).isEqualTo("queued"));
        // The payment confirmation is a notice, sent free-form inside the window.
        assertThat(detail.get("notices").valueStream().map(n -> n.get("notice").asString() + "/" + n.get("via").asString()
                + "/" + n.get("status").asString()).toList()).containsExactly("paid/text/queued");

        MeterRegistry metrics = shop.app.getBean(MeterRegistry.class);
        assertThat(metrics.get("shopkeeper.messages.status").tag("platform", platform).tag("status", "read")
                .tag("applied", "true").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("shopkeeper.messages.status").tag("platform", platform).tag("status", "delivered")
                .tag("applied", "false").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aRetriedWebhookIsAnsweredOnceAndAPlatformsSameShopperIsOneShopper(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Ari");
        assertThat(shopper.say("do you have any candles")).containsIgnoringCase("candle");
        shopper.resend();
        shopper.resend();
        Eventually.settle(Duration.ofMillis(500));
        assertThat(shopper.replies()).hasSize(1);
        assertThat(shopper.say("what's in my cart")).contains("cart is empty");
    }

    @Test
    void oneNumberOnBothPlatformsIsOneShopperWithAConversationOnEach() {
        CloudApiShopper onMeta = new CloudApiShopper(shop.http, shop.meta, "Dana");
        WhatsAppShopper onTwilio = WhatsAppShopper.at(shop.http, shop.twilio, "Dana", "whatsapp:" + onMeta.e164());
        onMeta.say("hi");
        onTwilio.say("hi");
        var shoppers = shop.app.getBean(ShopperRepository.class);
        String userId = shoppers.findByAddress(onMeta.e164()).orElseThrow().id();
        assertThat(shoppers.findByAddress("whatsapp:" + onMeta.e164()).orElseThrow().id()).isEqualTo(userId);
        var conversations = shop.app.getBean(ConversationRepository.class);
        assertThat(conversations.findLatest(userId, "meta")).isPresent();
        assertThat(conversations.findLatest(userId, "twilio")).isPresent();
        assertThat(conversations.findLatest(userId, "meta").orElseThrow().id())
                .isNotEqualTo(conversations.findLatest(userId, "twilio").orElseThrow().id());
    }

    /** The shopper's last message is 25 hours old, by our clock. */
    static void windowClosed(Conversation c) {
        shop.app.getBean(DSLContext.class).update(MESSAGES)
                .set(MESSAGES.TIMESTAMP, Instant.now().minus(Duration.ofHours(25)))
                .where(MESSAGES.CONVERSATION_ID.eq(c.id()))
                .and(MESSAGES.ROLE.eq(Message.Role.USER.column()))
                .execute();
    }

    static void advance(Order order, OrderStatus to) {
        assertThat(admin().patchJson("/api/admin/orders/" + order.id(), Map.of("status", to.name())).status()).isEqualTo(200);
    }

    static List<String> notices(Conversation c) {
        JsonNode detail = admin().get("/api/admin/conversations/" + c.id()).json();
        return detail.get("notices").valueStream().map(n -> n.get("notice").asString() + "/" + n.get("via").asString("-")
                + "/" + n.get("status").asString() + (n.get("reason").isNull() ? "" : " " + n.get("reason").asString())).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void outsideTheWindowANoticeGoesAsItsTemplateOrIsRefusedOnRecord(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Kit");
        Order order = buy(shopper, platform);
        Conversation c = conversation(shopper, platform);
        windowClosed(c);
        int before = shopper.replies().size();

        advance(order, OrderStatus.FULFILLED); // no template for "fulfilled": not sent, refused on record
        advance(order, OrderStatus.SHIPPED);   // its template
        Eventually.until(() -> shopper.replies().size() > before ? true : null, "the shipped template");
        Eventually.settle(Duration.ofMillis(300));
        List<String> after = shopper.replies().subList(before, shopper.replies().size());
        if (platform.equals("twilio")) {
            assertThat(after).hasSize(1);
            var request = shop.twilio.requestsTo("whatsapp:" + shopper.e164()).getLast().getBodyAsString();
            assertThat(TwilioStub.param(request, "ContentSid")).isEqualTo(TWILIO_SHIPPED);
            assertThat(TwilioStub.param(request, "ContentVariables"))
                    .isEqualTo("{\"1\":\"" + order.reference() + "\",\"2\":\"" + order.total().display() + "\"}");
            assertThat(TwilioStub.param(request, "Body")).isNull();
            assertThat(TwilioStub.param(request, "StatusCallback")).isEqualTo(TwilioStub.PUBLIC_BASE + "/webhook/twilio");
        } else {
            assertThat(after).containsExactly("template:order_shipped");
            JsonNode template = JsonMapper.builder().build().readTree(shop.meta.requestsTo(shopper.e164().substring(1)).getLast()
                    .getBodyAsString()).get("template");
            assertThat(template.get("language").get("code").asString()).isEqualTo("en_GB");
            assertThat(template.get("components").get(0).get("parameters").valueStream().map(p -> p.get("text").asString()).toList())
                    .containsExactly(order.reference(), order.total().display());
        }
        assertThat(notices(c)).containsExactly(
                "shipped/template/queued",
                "fulfilled/-/refused outside the 24-hour window and no template is configured for 'fulfilled'",
                "paid/text/queued");
        assertThat(shop.app.getBean(MeterRegistry.class).get("shopkeeper.notices").tag("platform", platform)
                .tag("outcome", "refused").counter().count()).isGreaterThanOrEqualTo(1);
    }

    /**
     * Our clock says the window is open, the platform says it is closed: Meta refuses at once
     * (131047), Twilio takes it and then reports it failed (63016). Either way the template goes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aWindowRefusalByThePlatformFallsBackToTheTemplate(String platform) {
        ChatShopper shopper = platform.equals("twilio") ? new WhatsAppShopper(shop.http, shop.twilio, "Lee")
                : new CloudApiShopper(shop.http, shop.meta, "Lee", "19990" + (100000 + (int) (Math.random() * 899999)));
        Order order = buy(shopper, platform);
        Conversation c = conversation(shopper, platform);
        advance(order, OrderStatus.FULFILLED);
        advance(order, OrderStatus.SHIPPED);
        if (platform.equals("twilio")) {
            String shippedText = Eventually.until(() -> shopper.replies().getLast().contains("has shipped")
                    ? shopper.sentIds().getLast() : null, "the free-form shipped notice");
            assertThat(shopper.reportStatus(shippedText, "failed", 63016)).isEqualTo(200);
        }
        Eventually.until(() -> notices(c).getFirst().startsWith("shipped/template/queued") ? true : null,
                "the template after the refusal: " + notices(c));
        if (platform.equals("twilio")) {
            var request = shop.twilio.requestsTo("whatsapp:" + shopper.e164()).getLast().getBodyAsString();
            assertThat(TwilioStub.param(request, "ContentSid")).isEqualTo(TWILIO_SHIPPED);
            assertThat(notices(c)).contains("shipped/text/failed");
        } else {
            assertThat(shopper.replies().getLast()).isEqualTo("template:order_shipped");
        }
    }

    @Test
    void aNoticeThePlatformCannotTakeIsTriedAgainUntilItCan() {
        CloudApiShopper shopper = new CloudApiShopper(shop.http, shop.meta, "Sol");
        Order order = buy(shopper, "meta");
        Conversation c = conversation(shopper, "meta");
        var down = shop.meta.server().stubFor(WireMock.post(WireMock.urlPathMatching("/v[0-9.]+/[0-9]+/messages"))
                .atPriority(1)
                .withRequestBody(WireMock.matchingJsonPath("$[?(@.to == '" + shopper.waId + "')]"))
                .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\",\"code\":2}}")));
        int before = shopper.replies().size();
        advance(order, OrderStatus.FULFILLED);
        Eventually.until(() -> notices(c).getFirst().startsWith("fulfilled/-/pending") ? true : null, "a pending notice");
        Eventually.settle(Duration.ofMillis(500)); // a retry or two, while Meta is down
        shop.meta.server().removeStub(down);
        Eventually.until(() -> shopper.replies().size() > before ? true : null, "the notice once Meta is back");
        assertThat(shopper.replies().getLast()).contains("packed and ready to ship");
        Eventually.until(() -> notices(c).getFirst().startsWith("fulfilled/text/queued") ? true : null, "recorded sent");
        JsonNode notice = admin().get("/api/admin/conversations/" + c.id()).json().get("notices").get(0);
        assertThat(notice.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aPersonAtTheShopWritesFreeFormInsideTheWindowAndIsRefusedOutsideItWithoutATemplate(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Pat");
        shopper.say("hi");
        Conversation c = conversation(shopper, platform);
        String path = "/api/admin/conversations/" + c.id() + "/messages";

        var sent = admin().postJson(path, Map.of("text", "Hello from Jo at the shop: your sofa is back in stock."));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().get("status").asString()).isEqualTo("queued");
        assertThat(shopper.replies().getLast()).isEqualTo("Hello from Jo at the shop: your sofa is back in stock.");

        windowClosed(c);
        int before = shopper.replies().size();
        var refused = admin().postJson(path, Map.of("text", "Still there?"));
        assertThat(refused.status()).isEqualTo(202);
        assertThat(refused.json().get("status").asString()).isEqualTo("refused");
        assertThat(refused.json().get("reason").asString()).contains("24-hour window");
        Eventually.settle(Duration.ofMillis(300));
        assertThat(shopper.replies()).hasSize(before);

        // Bad input: a clear 400 or 404, nothing sent; a viewer cannot write.
        assertThat(admin().postJson(path, Map.of("text", " ")).status()).isEqualTo(400);
        assertThat(admin().post(path, "application/json", "{\"text\":").status()).isEqualTo(400);
        assertThat(admin().postJson("/api/admin/conversations/no-such-id/messages", Map.of("text", "hi")).status()).isEqualTo(404);
        assertThat(shop.http.postJson(path, Map.of("text", "hi")).status()).isEqualTo(401);
        assertThat(shopper.replies()).hasSize(before);
    }
}
