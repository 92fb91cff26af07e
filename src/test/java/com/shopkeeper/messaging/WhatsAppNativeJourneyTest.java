package com.shopkeeper.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.ChatShopper;
import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.MetaStub;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16 through both platforms' real webhooks (WireMock for their APIs): replies with list
 * pickers and reply buttons, taps that arrive as their ids and become their calls, and a purchase
 * made by taps alone after the first message. The request bodies are checked against the platforms'
 * documented shapes: Twilio's Content API (a content made once per shape, then filled with
 * ContentVariables) and the Cloud API's {@code interactive} messages.
 */
class WhatsAppNativeJourneyTest {

    static TwilioStub twilio;
    static MetaStub meta;
    static PrivateRedis redis;
    static ConfigurableApplicationContext app;
    static Http http;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        twilio = TwilioStub.start();
        meta = MetaStub.start();
        redis = PrivateRedis.start(false);
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.processor", "engine",
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.catalog.seed-demo", "true"));
        props.putAll(twilio.properties());
        props.putAll(meta.properties());
        app = TestApps.start(Files.createTempDirectory("whatsapp-native"), redis.url(), props, ctx -> { });
        http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        redis.close();
        twilio.server().stop();
        meta.server().stop();
    }

    static ChatShopper shopper(String platform, String name) {
        return platform.equals("twilio") ? new WhatsAppShopper(http, twilio, name) : new CloudApiShopper(http, meta, name);
    }

    static Conversation conversation(ChatShopper shopper, String platform) {
        String userId = app.getBean(ShopperRepository.class).findByAddress(shopper.e164()).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(userId, platform).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aPurchaseIsMadeByTapsAloneAfterTheFirstMessage(String platform) {
        ChatShopper shopper = shopper(platform, "Tam");
        String results = shopper.say("do you have backpacks");
        // The results as a list picker: its button, then a row per product (name, price).
        assertThat(results).contains("[View products]").containsIgnoringCase("backpack").contains("$");
        List<ChatShopper.Offered> rows = shopper.offered().getLast();
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(10)
                .allSatisfy(o -> {
                    assertThat(o.row()).isTrue();
                    assertThat(o.id()).startsWith("sk:details:");
                    assertThat(o.title().codePointCount(0, o.title().length())).isLessThanOrEqualTo(24);
                });

        String details = shopper.tap(rows.getFirst().title());
        assertThat(details).contains("[Add to cart]").contains("[Keep browsing]");
        assertThat(conversation(shopper, platform).state()).isEqualTo(State.PRODUCT_FOCUS);

        assertThat(shopper.tap("Add to cart")).contains("Added 1 ×").contains("[Checkout]").contains("[View cart]");
        assertThat(shopper.tap("View cart")).contains("Your cart:").contains("[Checkout]");
        assertThat(shopper.tap("Checkout")).contains("is ready").contains("[Pay now]");
        String link = shopper.tap("Pay now");
        String url = link.lines().filter(l -> l.contains("/pay/")).findFirst().orElseThrow().strip();
        int before = shopper.replies().size();
        assertThat(http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");

        Conversation c = conversation(shopper, platform);
        Order order = app.getBean(OrderRepository.class).forConversation(c.id()).getFirst();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.items()).hasSize(1);
        assertThat(order.items().getFirst().quantity()).isEqualTo(1);
        assertThat(order.items().getFirst().productName()).isEqualTo(details.lines().filter(l -> l.startsWith("*")).findFirst()
                .map(l -> l.substring(1, l.indexOf('*', 1))).orElseThrow());
        // Every tap was its call: the model (offline here) was asked only for the first message.
        assertThat(app.getBean(MeterRegistry.class).get("shopkeeper.taps").counter().count()).isGreaterThanOrEqualTo(5);

        // A button tapped again later, in a state that no longer allows it, is refused politely: no second order.
        String again = shopper.tap("Pay now");
        assertThat(again).doesNotContain("/pay/").doesNotContainIgnoringCase("error");
        assertThat(app.getBean(OrderRepository.class).forConversation(c.id())).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void typedWordsStillWorkBesideTheButtons(String platform) {
        ChatShopper shopper = shopper(platform, "Ola");
        assertThat(shopper.say("any lamps?")).contains("[View products]");
        assertThat(shopper.say("the second one")).contains("[Add to cart]");
        assertThat(shopper.say("add 2")).contains("Added 2 ×");
        // A tap whose product is gone (an id nobody knows) is answered, not guessed.
        int before = shopper.replies().size();
        shopper.sendTap(new ChatShopper.Offered("sk:add:no-such-product", "Add to cart", false));
        assertThat(shopper.awaitAfter(before, "a reply to a stale tap")).contains("couldn't tell which product");
        assertThat(shopper.say("what's in my cart")).contains("2 ×");
    }

    @Test
    void twilioMakesOneContentPerShapeThroughTheContentApiAndFillsItWithVariables() {
        ChatShopper first = shopper("twilio", "Kit");
        first.say("do you have candles");
        first.say("do you have candles");
        ChatShopper second = shopper("twilio", "Lou");
        second.say("do you have candles");

        List<JsonNode> created = twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content"))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString())).toList();
        List<String> shapes = created.stream().map(c -> c.path("friendly_name").asString()).toList();
        assertThat(shapes).doesNotHaveDuplicates();
        JsonNode list = created.stream().filter(c -> c.path("types").has("twilio/list-picker")).findFirst().orElseThrow();
        // Twilio's documented shape: body, button, items of {id, item, description}, and a twilio/text fallback.
        assertThat(list.path("language").asString()).isEqualTo("en");
        JsonNode picker = list.path("types").path("twilio/list-picker");
        assertThat(picker.path("body").asString()).isEqualTo("{{1}}");
        assertThat(picker.path("button").asString()).isEqualTo("{{2}}");
        assertThat(picker.path("items").size()).isBetween(1, 10);
        assertThat(picker.path("items").get(0).path("item").asString()).isEqualTo("{{3}}");
        assertThat(picker.path("items").get(0).path("id").asString()).isEqualTo("{{4}}");
        assertThat(picker.path("items").get(0).path("description").asString()).isEqualTo("{{5}}");
        assertThat(list.path("types").path("twilio/text").path("body").asString()).isEqualTo("{{1}}");

        // The message: the content's sid and its variables, no Body; every text within Twilio's limits.
        var sent = twilio.requestsTo(((WhatsAppShopper) second).phone).getLast().getBodyAsString();
        assertThat(TwilioStub.param(sent, "Body")).isNull();
        assertThat(TwilioStub.param(sent, "ContentSid")).startsWith("HX");
        JsonNode variables = JSON.readTree(TwilioStub.param(sent, "ContentVariables"));
        assertThat(variables.path("2").asString()).isEqualTo("View products");
        for (int i = 3; variables.has(Integer.toString(i)); i += 3) {
            assertThat(variables.path(Integer.toString(i)).asString().length()).isLessThanOrEqualTo(24);
            assertThat(variables.path(Integer.toString(i + 1)).asString()).startsWith("sk:details:");
            assertThat(variables.path(Integer.toString(i + 2)).asString().length()).isBetween(1, 72);
        }
        assertThat(TwilioStub.param(sent, "StatusCallback")).isEqualTo(TwilioStub.PUBLIC_BASE + "/webhook/twilio");
    }

    @Test
    void theCloudApiGetsInteractiveListsAndButtonsInItsDocumentedShape() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Mo");
        shopper.say("do you have mugs");
        shopper.say("1");
        List<JsonNode> bodies = meta.server().findAll(postRequestedFor(urlPathMatching("/v[0-9.]+/" + MetaStub.PHONE_NUMBER_ID + "/messages")))
                .stream().map(r -> JSON.readTree(r.getBodyAsString())).filter(b -> b.path("to").asString().equals(shopper.waId))
                .filter(b -> b.path("type").asString().equals("interactive")).toList();
        JsonNode list = bodies.stream().filter(b -> b.path("interactive").path("type").asString().equals("list")).findFirst().orElseThrow();
        assertThat(list.path("messaging_product").asString()).isEqualTo("whatsapp");
        JsonNode action = list.path("interactive").path("action");
        assertThat(action.path("button").asString()).isEqualTo("View products");
        assertThat(list.path("interactive").path("body").path("text").asString()).isNotBlank();
        JsonNode rows = action.path("sections").get(0).path("rows");
        assertThat(rows.size()).isBetween(1, 10);
        rows.forEach(row -> {
            assertThat(row.path("id").asString()).startsWith("sk:details:");
            assertThat(row.path("title").asString().length()).isBetween(1, 24);
            assertThat(row.path("description").asString().length()).isLessThanOrEqualTo(72);
        });
        JsonNode buttons = bodies.stream().filter(b -> b.path("interactive").path("type").asString().equals("button")).findFirst()
                .orElseThrow().path("interactive").path("action").path("buttons");
        assertThat(buttons.size()).isBetween(1, 3);
        buttons.forEach(b -> {
            assertThat(b.path("type").asString()).isEqualTo("reply");
            assertThat(b.path("reply").path("title").asString().length()).isBetween(1, 20);
            assertThat(b.path("reply").path("id").asString()).startsWith("sk:");
        });
    }
}
