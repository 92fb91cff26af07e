package com.shopkeeper.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.State;
import com.shopkeeper.order.Order;
import com.shopkeeper.order.OrderRepository;
import com.shopkeeper.order.OrderStatus;
import com.shopkeeper.support.BothPlatforms;
import com.shopkeeper.support.ChatShopper;
import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.MetaStub;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    static final JsonMapper JSON = JsonMapper.builder().build();

    static BothPlatforms shop;

    @BeforeAll
    static void start() throws Exception {
        shop = BothPlatforms.start("whatsapp-native", Map.of());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    static Conversation conversation(ChatShopper shopper, String platform) {
        return shop.conversation(shopper, platform);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aPurchaseIsMadeByTapsAloneAfterTheFirstMessage(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Tam");
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
        assertThat(shop.http.post(url.substring(url.indexOf("/pay/")), "application/x-www-form-urlencoded", "action=pay").status())
                .isEqualTo(200);
        assertThat(shopper.awaitAfter(before, "the payment confirmation")).startsWith("Payment received");

        Conversation c = conversation(shopper, platform);
        Order order = shop.app.getBean(OrderRepository.class).forConversation(c.id()).getFirst();
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.items()).hasSize(1);
        assertThat(order.items().getFirst().quantity()).isEqualTo(1);
        assertThat(order.items().getFirst().productName()).isEqualTo(details.lines().filter(l -> l.startsWith("*")).findFirst()
                .map(l -> l.substring(1, l.indexOf('*', 1))).orElseThrow());
        // Every tap was its call: the model (offline here) was asked only for the first message.
        assertThat(shop.app.getBean(MeterRegistry.class).get("shopkeeper.taps").counter().count()).isGreaterThanOrEqualTo(5);

        // A button tapped again later, in a state that no longer allows it, is refused politely: no second order.
        String again = shopper.tap("Pay now");
        assertThat(again).doesNotContain("/pay/").doesNotContainIgnoringCase("error");
        assertThat(shop.app.getBean(OrderRepository.class).forConversation(c.id())).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void typedWordsStillWorkBesideTheButtons(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Ola");
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
        ChatShopper first = shop.shopper("twilio", "Kit");
        first.say("do you have candles");
        first.say("do you have candles");
        ChatShopper second = shop.shopper("twilio", "Lou");
        second.say("do you have candles");

        List<JsonNode> created = shop.twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content"))).stream()
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
        var sent = shop.twilio.requestsTo(((WhatsAppShopper) second).phone).getLast().getBodyAsString();
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
        CloudApiShopper shopper = new CloudApiShopper(shop.http, shop.meta, "Mo");
        shopper.say("do you have mugs");
        shopper.say("1");
        List<JsonNode> bodies = shop.meta.server().findAll(postRequestedFor(urlPathMatching("/v[0-9.]+/" + MetaStub.PHONE_NUMBER_ID + "/messages")))
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

    static Http admin() {
        return shop.admin();
    }

    @ParameterizedTest
    @ValueSource(strings = {"twilio", "meta"})
    void aShopperWhoAsksForAPersonGetsOneAndTheBotIsQuietUntilAnAdminHandsItBack(String platform) {
        ChatShopper shopper = shop.shopper(platform, "Pat");
        assertThat(shopper.say("do you have lamps")).contains("1. *");
        assertThat(shopper.say("can I talk to a human please")).contains("person from the shop");
        Conversation c = conversation(shopper, platform);
        assertThat(c.state()).isEqualTo(State.HANDOFF);

        // While a person has it, the bot says nothing; the message waits on record for them.
        int before = shopper.replies().size();
        shopper.send("hello? is anyone there");
        com.shopkeeper.support.Eventually.settle(java.time.Duration.ofSeconds(1));
        assertThat(shopper.replies()).hasSize(before);

        // Admins see it waiting, live in the list of those who need a person, and in its own page.
        JsonNode waiting = admin().get("/api/admin/conversations?needs_person=true&size=100").json();
        assertThat(waiting.toString()).contains(c.id());
        JsonNode detail = admin().get("/api/admin/conversations/" + c.id()).json();
        assertThat(detail.get("state").asString()).isEqualTo("HANDOFF");
        assertThat(detail.toString()).contains("hello? is anyone there");

        // A VIEWER sees but cannot take over or write.
        String viewerToken = admin().postJson("/api/admin/tokens", Map.of("name", "watcher-" + platform, "role", "VIEWER"))
                .json().get("token").asString();
        Http viewer = shop.http.withToken(viewerToken);
        assertThat(viewer.get("/api/admin/conversations/" + c.id()).status()).isEqualTo(200);
        assertThat(viewer.post("/api/admin/conversations/" + c.id() + "/takeover", "application/json", "{}").status()).isEqualTo(403);
        assertThat(viewer.postJson("/api/admin/conversations/" + c.id() + "/messages", Map.of("text", "hi")).status()).isEqualTo(403);

        var firstAnswers = shop.app.getBean(MeterRegistry.class).timer("shopkeeper.handoff.first_answer");
        long answeredBefore = firstAnswers.count();
        assertThat(admin().post("/api/admin/conversations/" + c.id() + "/takeover", "application/json", "{}").json()
                .get("state").asString()).isEqualTo("HANDOFF");
        before = shopper.replies().size();
        assertThat(admin().postJson("/api/admin/conversations/" + c.id() + "/messages",
                Map.of("text", "Hi Pat, Sam from the shop here. Which lamp were you after?")).status()).isEqualTo(202);
        assertThat(shopper.awaitAfter(before, "the person's message")).contains("Sam from the shop");
        assertThat(firstAnswers.count()).isEqualTo(answeredBefore + 1);

        // Handed back: the state it came from (a list was shown), and the bot answers again.
        assertThat(admin().post("/api/admin/conversations/" + c.id() + "/handback", "application/json", "{}").json()
                .get("state").asString()).isEqualTo("BROWSING");
        assertThat(shopper.say("the first one")).contains("[Keep browsing]");
        assertThat(admin().post("/api/admin/conversations/" + c.id() + "/handback", "application/json", "{}").status())
                .isEqualTo(409);
        // The path is in the transition log: into HANDOFF by the shopper's ask, back by the admin.
        String path = admin().get("/api/admin/conversations/" + c.id() + "/transitions").body();
        assertThat(path).contains("ask_for_person").contains("handed_back");
    }

    @Test
    void theBotHandsTheShopperToAPersonWhenItFailsThemTwiceInARow() {
        WhatsAppShopper shopper = new WhatsAppShopper(shop.http, shop.twilio, "Quin");
        assertThat(shopper.say("hi")).contains("Hi ");
        assertThat(shopper.say(" ")).contains("didn't catch that");
        assertThat(shopper.say(" ")).contains("person from the shop");
        assertThat(conversation(shopper, "twilio").state()).isEqualTo(State.HANDOFF);
        assertThat(shop.app.getBean(MeterRegistry.class).counter("shopkeeper.handoffs", "reason", "bot_failed").count())
                .isGreaterThanOrEqualTo(1);
        // A miss then a success starts the count again: another shopper is not handed over.
        WhatsAppShopper other = new WhatsAppShopper(shop.http, shop.twilio, "Rae");
        other.say(" ");
        other.say("do you have mugs");
        assertThat(other.say(" ")).contains("didn't catch that");
        assertThat(conversation(other, "twilio").state()).isNotEqualTo(State.HANDOFF);
    }
}
