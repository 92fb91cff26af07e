package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TwilioStub;
import com.shopkeeper.support.WhatsAppShopper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Twilio webhook when the queue cannot take a message: Redis is down, or the queue is deeper
 * than the workers drain. Either way the answer is 503 with Retry-After (so the platform sends it
 * again) and never a 200 for a message that was not kept; the message sent again afterwards is
 * answered. Each test has its own redis-server, which it kills and restarts.
 */
class GatewayFaultsTest {

    static TwilioStub twilio;

    @BeforeAll
    static void stub() {
        twilio = TwilioStub.start();
    }

    @AfterAll
    static void stopStub() {
        twilio.server().stop();
    }

    static ConfigurableApplicationContext start(Path data, PrivateRedis redis, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "shopkeeper.twilio.account-sid", TwilioStub.ACCOUNT_SID,
                "shopkeeper.twilio.auth-token", TwilioStub.AUTH_TOKEN,
                "shopkeeper.twilio.whatsapp-from", TwilioStub.FROM,
                "shopkeeper.twilio.api-base-url", twilio.baseUrl(),
                "shopkeeper.twilio.webhook-base-url", TwilioStub.PUBLIC_BASE,
                "shopkeeper.payment.provider", "sandbox",
                "shopkeeper.queue.retry-after", "7s"));
        props.putAll(extra);
        return TestApps.start(data, redis.url(), props, ctx -> { });
    }

    /** As Twilio calls: an answer later than 15 s is a failed webhook, whatever it says. */
    static Http http(ConfigurableApplicationContext app) {
        return new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build())
                .withTimeout(java.time.Duration.ofSeconds(15));
    }

    static void assertBusy(Http.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.json().get("status").asInt()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void redisDownIsA503WithRetryAfterAndTheMessageSentAgainOnceItIsBackIsAnswered() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(false)) {
            ConfigurableApplicationContext app = start(Files.createTempDirectory("gateway-faults"), redis, Map.of());
            try {
                WhatsAppShopper shopper = new WhatsAppShopper(http(app), twilio, "Ada");
                assertThat(shopper.say("hello")).isEqualTo("You said: hello");

                redis.kill();
                assertBusy(shopper.attempt("are you there?"));

                redis.restart();
                Eventually.until(() -> shopper.retry().status() == 200);
                assertThat(shopper.awaitAfter(1, "the answer once Redis is back")).isEqualTo("You said: are you there?");
            } finally {
                app.close();
            }
        }
    }

    @Test
    void aQueueDeeperThanItsBoundIsA503UntilTheWorkersCatchUpAndNothingIsLost() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start(false)) {
            Path data = Files.createTempDirectory("gateway-full");
            // A gateway with no workers: what it admits waits in the queue.
            ConfigurableApplicationContext gateway = start(data, redis, Map.of("shopkeeper.roles", "gateway",
                    "shopkeeper.queue.max-depth", "2"));
            ConfigurableApplicationContext worker = null;
            try {
                Http http = http(gateway);
                WhatsAppShopper first = new WhatsAppShopper(http, twilio, "First");
                WhatsAppShopper second = new WhatsAppShopper(http, twilio, "Second");
                WhatsAppShopper third = new WhatsAppShopper(http, twilio, "Third");
                first.send("one");
                second.send("two");
                assertBusy(third.attempt("three"));
                assertBusy(third.retry());

                worker = start(data, redis, Map.of("shopkeeper.roles", "worker"));
                assertThat(first.awaitAfter(0, "the first answer")).isEqualTo("You said: one");
                assertThat(second.awaitAfter(0, "the second answer")).isEqualTo("You said: two");
                Eventually.until(() -> third.retry().status() == 200);
                assertThat(third.awaitAfter(0, "the refused message, sent again")).isEqualTo("You said: three");
            } finally {
                if (worker != null) {
                    worker.close();
                }
                gateway.close();
            }
        }
    }
}
