package com.shopkeeper.messaging.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestRedis;
import com.shopkeeper.support.TwilioStub;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Beside a real platform (Twilio configured) the chat simulator, a public and unauthenticated way
 * into the engine, is not there unless asked for: its page, its webhook and its streams are 404.
 */
class SimulatorClosedByDefaultTest {

    /** Twilio's settings as an operator gives them, and the sandbox asked for by name (else no start). */
    static Map<String, String> twilio() {
        return Map.of("shopkeeper.twilio.account-sid", TwilioStub.ACCOUNT_SID,
                "shopkeeper.twilio.auth-token", TwilioStub.AUTH_TOKEN,
                "shopkeeper.twilio.whatsapp-from", TwilioStub.FROM,
                "shopkeeper.twilio.api-base-url", "http://127.0.0.1:9",
                "shopkeeper.payment.provider", "sandbox");
    }

    @Test
    void besideTwilioWithoutTheFlagThePageWebhookAndStreamsAreNotFound() throws Exception {
        String redis = TestRedis.url(14);
        TestRedis.flush(redis);
        try (var app = TestApps.start(Files.createTempDirectory("sk-sim-closed"), redis, twilio(), ctx -> { })) {
            var http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
            String session = UUID.randomUUID().toString();

            assertThat(http.get("/").status()).isEqualTo(404);
            assertThat(http.withHeader("X-Simulator-Session", session)
                    .postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", "hi")).status())
                    .isEqualTo(404);
            assertThat(http.get("/simulator/events?session=" + session).status()).isEqualTo(404);
            assertThat(app.getBeanNamesForType(SimulatorPlatform.class)).isEmpty();
            // The real platform is there all the same.
            assertThat(http.post("/webhook/twilio", "application/x-www-form-urlencoded", "From=x").status()).isEqualTo(403);
        }
    }
}
