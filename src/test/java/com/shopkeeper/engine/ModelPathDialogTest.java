package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.shopkeeper.cart.CartLine;
import com.shopkeeper.cart.Carts;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 on the model path: Claude and an OpenAI-compatible model, played by WireMock
 * ({@code wiremock-stubs/<provider>/mappings/quality-*.json}), through the real webhook. The model
 * sees the dialogue state in its prompt; the engine applies the same rules as offline: a refinement
 * keeps the last search's subject, a name that fits two shown products is a numbered question, two
 * calls in one answer run in order (each judged in the state the one before left), and a quantity
 * is set, not added.
 */
class ModelPathDialogTest {

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai"})
    void refinementAmbiguityTwoCallsAndASetQuantity(String provider) throws Exception {
        WireMockServer model = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .usingFilesUnderDirectory("wiremock-stubs/" + provider));
        model.start();
        TwilioStub twilio = TwilioStub.start();
        try (PrivateRedis redis = PrivateRedis.start(false)) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "shopkeeper.processor", "engine",
                    "shopkeeper.payment.provider", "sandbox",
                    "shopkeeper.llm.provider", provider,
                    "shopkeeper.llm." + provider + ".api-key", "sk-quality-test",
                    "shopkeeper.llm." + provider + ".base-url", provider.equals("openai") ? model.baseUrl() + "/v1" : model.baseUrl()));
            props.putAll(twilio.properties());
            ConfigurableApplicationContext app = TestApps.start(Files.createTempDirectory("model-dialog"), redis.url(), props, ctx -> { });
            try {
                Http http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
                Http admin = http.withToken(AppTest.ADMIN_TOKEN);
                for (var p : List.of(List.of("Brass Desk Lamp", "34.90"), List.of("Walnut Desk Lamp", "45.00"),
                        List.of("Blue Desk Lamp", "24.00"), List.of("Paper Floor Lamp", "12.00"), List.of("Spiral Notebook", "5.00"))) {
                    assertThat(admin.postJson("/api/admin/products", Map.of("name", p.get(0), "price", p.get(1),
                            "categories", List.of("Home"))).status()).isEqualTo(201);
                }
                WhatsAppShopper shopper = new WhatsAppShopper(http, twilio, "Quinn");

                assertThat(shopper.say("quality lamps over 30 please")).contains("Brass Desk Lamp").contains("Walnut Desk Lamp")
                        .doesNotContain("Blue Desk Lamp");
                // The model only said "cheaper" (Claude's stub as the query's one word, the OpenAI one in the call's own
                // change field, with no query): the subject (lamps) is kept, the price drops below what was shown.
                assertThat(shopper.say("quality got anything cheaper")).contains("Blue Desk Lamp").contains("Paper Floor Lamp")
                        .doesNotContain("Brass").doesNotContain("Walnut");
                // "the lamp" fits both shown: a numbered question, and nothing else happens.
                String which = shopper.say("quality show me the lamp");
                assertThat(which).startsWith("Which one do you mean?").contains("1. *").contains("2. *");
                Conversation c = conversation(app, shopper);
                assertThat(c.state()).isEqualTo(State.BROWSING);
                String second = which.substring(which.indexOf("2. *") + 4, which.indexOf('*', which.indexOf("2. *") + 4));

                assertThat(shopper.say("quality number 2")).contains(second);
                assertThat(conversation(app, shopper).state()).isEqualTo(State.PRODUCT_FOCUS);

                int before = shopper.replies().size();
                shopper.send("quality add it and show my cart");
                String both = awaitReplies(shopper, before, 2);
                assertThat(both).contains("Added 1 × *" + second + "*").contains("Your cart:");

                assertThat(shopper.say("quality make that 3")).contains("3 × *" + second + "*");
                List<CartLine> cart = app.getBean(Carts.class).lines(conversation(app, shopper).id());
                assertThat(cart).singleElement().satisfies(l -> {
                    assertThat(l.product().name()).isEqualTo(second);
                    assertThat(l.quantity()).isEqualTo(3);
                });

                List<Transition> log = app.getBean(TransitionLog.class).forConversation(c.id());
                assertThat(log).extracting(Transition::event).containsExactly("search_products", "search_products",
                        "get_product_details", "get_product_details", "add_to_cart", "view_cart", "set_quantity");
                assertThat(log.get(2).outcome()).isEqualTo(Transition.Outcome.REFUSED);
                assertThat(log.get(2).reason()).isEqualTo("ambiguous_product");
                // The second call of the turn ran in the state the first left.
                assertThat(log.get(5).from()).isEqualTo(State.CART);

                // A place among a kind ("first lamp", as the tool's description asks) with notebooks on screen: the first
                // lamp of an earlier list, never the first notebook.
                assertThat(shopper.say("quality any notebooks")).contains("Spiral Notebook");
                String firstShown = which.substring(which.indexOf("1. *") + 4, which.indexOf('*', which.indexOf("1. *") + 4));
                assertThat(shopper.say("quality the very first lamp you showed me")).startsWith("*" + firstShown + "*")
                        .doesNotContain("Notebook");
                assertThat(conversation(app, shopper).state()).isEqualTo(State.PRODUCT_FOCUS);

                // The model saw the dialogue state: the last search and the list on screen.
                String askedWhich = model.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                        .filter(b -> b.contains("quality show me the lamp")).reduce((newer, older) -> older).orElseThrow();
                assertThat(askedWhich).contains("Last shown (for \\\"lamp\\\", max 34.89)").contains("Blue Desk Lamp").contains("Paper Floor Lamp");
            } finally {
                app.close();
            }
        } finally {
            twilio.server().stop();
            model.stop();
        }
    }

    private static String awaitReplies(WhatsAppShopper shopper, int before, int count) {
        return com.shopkeeper.support.Eventually.until(() -> {
            List<String> all = shopper.replies();
            return all.size() >= before + count ? String.join("\n", all.subList(before, all.size())) : null;
        }, count + " replies");
    }

    private static Conversation conversation(ConfigurableApplicationContext app, WhatsAppShopper shopper) {
        String user = app.getBean(ShopperRepository.class).findByAddress(shopper.phone).orElseThrow().id();
        return app.getBean(ConversationRepository.class).findLatest(user, "twilio").orElseThrow();
    }
}
