package com.shopkeeper.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deploy while the model is still thinking: the departing instance stops (as on SIGTERM) with a
 * turn waiting on the model past the drain timeout, hands the turn back, and its worker is
 * interrupted. Another instance takes the turn up and asks the model again. The shopper gets what
 * they asked for, once: the interruption is not the model's answer, so the departing instance must
 * not answer the turn with "sorry, send that again" (the fault suite found carts missing the
 * items of exactly those turns). Real engine, OpenAI-compatible provider against WireMock, Twilio.
 */
class StopMidModelCallTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static PrivateRedis redis;
    static TwilioStub twilio;
    static WireMockServer model;
    static Path data;

    @BeforeAll
    static void start() throws Exception {
        redis = PrivateRedis.start(false);
        twilio = TwilioStub.start();
        model = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/openai"));
        model.start();
        data = Files.createTempDirectory("shopkeeper-stop-mid-model-call");
    }

    @AfterAll
    static void stop() {
        model.stop();
        twilio.server().stop();
        redis.close();
    }

    static ConfigurableApplicationContext instance() {
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.processor", "engine",
                "shopkeeper.llm.provider", "openai",
                "shopkeeper.llm.openai.api-key", "test",
                "shopkeeper.llm.openai.base-url", model.baseUrl() + "/v1",
                "shopkeeper.llm.openai.timeout", "60s",
                "shopkeeper.queue.drain-timeout", "300ms",
                "shopkeeper.payment.provider", "sandbox"));
        props.putAll(twilio.properties());
        return TestApps.start(data, redis.url(), props, ctx -> { });
    }

    static Http http(ConfigurableApplicationContext app) {
        return new Http("http://localhost:" + TestApps.port(app), JSON);
    }

    @Test
    void aStopWhileTheModelThinksLeavesTheTurnToTheNextInstanceAndTheCartGetsWhatWasAsked() {
        ConfigurableApplicationContext departing = instance();
        Http admin = http(departing).withToken(AppTest.ADMIN_TOKEN);
        assertThat(admin.postJson("/api/admin/products", Map.of("sku", "SLOW-0001", "name", "Slow Cooker",
                "description", "Six litres.", "price", "49.00", "currency", "USD", "categories", List.of("Kitchen"),
                "in_stock", true)).status()).isEqualTo(201);

        WhatsAppShopper shopper = new WhatsAppShopper(http(departing), twilio, "Ana");
        shopper.send("slow add 2 of the slow cooker");
        // The departing instance's worker is now waiting on the model (30 s on this first ask).
        Eventually.until(() -> model.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).size() == 1);

        ConfigurableApplicationContext staying = instance();
        try {
            departing.close();   // what SIGTERM does: Spring's graceful stop, past the 300 ms drain

            List<String> replies = Eventually.until(() -> {
                List<String> all = shopper.replies();
                return all.isEmpty() ? null : all;
            }, "an answer");
            Eventually.settle(Duration.ofSeconds(2));
            assertThat(shopper.replies()).as("one answer, and it is the add the shopper asked for")
                    .hasSize(1).first().asString().startsWith("Added 2 × *Slow Cooker*");
            assertThat(replies.getFirst()).doesNotContain("send that again");

            Http staysAdmin = http(staying).withToken(AppTest.ADMIN_TOKEN);
            JsonNode conversations = staysAdmin.get("/api/admin/conversations").json().get("items");
            assertThat(conversations.size()).isEqualTo(1);
            JsonNode cart = staysAdmin.get("/api/admin/conversations/" + conversations.get(0).get("id").asString())
                    .json().get("cart");
            assertThat(cart.get("items").size()).isEqualTo(1);
            assertThat(cart.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        } finally {
            staying.close();
        }
    }
}
