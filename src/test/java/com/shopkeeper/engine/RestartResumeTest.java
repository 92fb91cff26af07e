package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.ShopkeeperApplication;
import com.shopkeeper.cart.CartRepository;
import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductService;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.IsolatedApp;
import com.shopkeeper.support.WhatsAppShopper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A conversation survives a restart: the application stops with a shopper's cart half-way to an
 * order and a new one on the same database and Redis carries on from exactly that state.
 */
class RestartResumeTest {

    static final IsolatedApp APP = IsolatedApp.create("restart", 12);

    static ConfigurableApplicationContext start() {
        Map<String, Object> props = new HashMap<>();
        APP.configure((name, value) -> props.put(name, value.get()));
        props.put("server.port", "0");
        props.put("shopkeeper.processor", "engine");
        props.put("shopkeeper.llm.provider", "offline");
        return new SpringApplicationBuilder(ShopkeeperApplication.class).properties(props).run();
    }

    static Http http(ConfigurableApplicationContext app) {
        return new Http("http://localhost:" + app.getEnvironment().getProperty("local.server.port"),
                JsonMapper.builder().build());
    }

    @Test
    void aConversationResumesExactlyWhereItWasAfterARestart() {
        WhatsAppShopper shopper;
        String conversationId;
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(ProductService.class).create(new ProductDraft("RR-LAMP", "Brass Restart Lamp",
                    "a warm desk lamp", Money.of("30.00", "USD"), List.of("Lighting", "Lamps"), null, true, Map.of()));
            shopper = new WhatsAppShopper(http(first), APP.twilio(), "Rae");
            assertThat(shopper.say("do you have any lamps?")).contains("Brass Restart Lamp");
            assertThat(shopper.say("the first one")).contains("Brass Restart Lamp");
            assertThat(shopper.say("add 2")).contains("Added 2 ×");
            conversationId = conversation(first, shopper).id();
            assertThat(conversation(first, shopper).state()).isEqualTo(State.CART);
        }

        try (ConfigurableApplicationContext second = start()) {
            WhatsAppShopper back = shopper.at(http(second));
            Conversation resumed = conversation(second, back);
            assertThat(resumed.id()).isEqualTo(conversationId);
            assertThat(resumed.state()).isEqualTo(State.CART);
            assertThat(second.getBean(CartRepository.class).items(conversationId)).hasSize(1);

            assertThat(back.say("what's in my cart")).contains("2 × *Brass Restart Lamp*").contains("Total: *$60.00*");
            assertThat(back.say("checkout")).contains("is ready");
            assertThat(conversation(second, back).state()).isEqualTo(State.CHECKOUT);
            List<Transition> log = second.getBean(TransitionLog.class).forConversation(conversationId);
            assertThat(log.stream().map(t -> t.seq() + " " + t.from() + " " + t.event() + " " + t.to()).toList())
                    .containsExactly("1 BROWSING search_products BROWSING", "2 BROWSING get_product_details PRODUCT_FOCUS",
                            "3 PRODUCT_FOCUS add_to_cart CART", "4 CART view_cart CART", "5 CART create_order CHECKOUT");
        }
    }

    private static Conversation conversation(ConfigurableApplicationContext app, WhatsAppShopper s) {
        var shopper = app.getBean(ShopperRepository.class).findByAddress(s.phone).orElseThrow();
        return app.getBean(ConversationRepository.class).findLatest(shopper.id(), "twilio").orElseThrow();
    }
}
