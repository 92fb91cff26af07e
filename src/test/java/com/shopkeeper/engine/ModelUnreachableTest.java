package com.shopkeeper.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, item 6, with the model unreachable: the OpenAI-compatible endpoint refuses every
 * connection. Shoppers are still served, by the offline understanding, through the real webhook;
 * the turns say so in the transition log and the metric counts them.
 */
class ModelUnreachableTest {

    @Test
    void withTheModelUnreachableShoppersAreServedOffline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // closed again at once: connections to it are refused
        }
        TwilioStub twilio = TwilioStub.start();
        try (PrivateRedis redis = PrivateRedis.start(false)) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "shopkeeper.processor", "engine",
                    "shopkeeper.llm.provider", "openai",
                    "shopkeeper.llm.openai.api-key", "test",
                    "shopkeeper.llm.openai.base-url", "http://127.0.0.1:" + closedPort + "/v1",
                    "shopkeeper.llm.openai.max-retries", "1",
                    "shopkeeper.payment.provider", "sandbox"));
            props.putAll(twilio.properties());
            ConfigurableApplicationContext app = TestApps.start(Files.createTempDirectory("model-unreachable"), redis.url(),
                    props, ctx -> { });
            try {
                Http http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
                assertThat(http.withToken(AppTest.ADMIN_TOKEN).postJson("/api/admin/products", Map.of("name",
                        "Walnut Desk Lamp", "price", "45.00", "categories", List.of("Home", "Lighting"))).status()).isEqualTo(201);
                WhatsAppShopper shopper = new WhatsAppShopper(http, twilio, "Noor");

                assertThat(shopper.say("do you have a desk lamp?")).contains("Walnut Desk Lamp").doesNotContain("send that again");
                assertThat(shopper.say("what's in my cart?")).contains("cart is empty");

                String conversation = app.getBean(ConversationRepository.class).findLatest(
                        app.getBean(ShopperRepository.class).findByAddress(shopper.phone).orElseThrow().id(), "twilio")
                        .orElseThrow().id();
                List<Transition> log = app.getBean(TransitionLog.class).forConversation(conversation);
                assertThat(log).extracting(Transition::event).containsExactly("search_products", "view_cart");
                assertThat(log).extracting(Transition::reason).containsOnly(Understanding.MODEL_UNAVAILABLE);
                assertThat(app.getBean(MeterRegistry.class).find("shopkeeper.llm.fallbacks")
                        .tags("provider", "openai", "cause", "model_unavailable").counter().count()).isEqualTo(2);
            } finally {
                app.close();
            }
        } finally {
            twilio.server().stop();
        }
    }
}
