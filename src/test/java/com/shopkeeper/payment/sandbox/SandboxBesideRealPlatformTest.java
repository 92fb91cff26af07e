package com.shopkeeper.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.payment.PaymentProvider;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestRedis;
import com.shopkeeper.support.TwilioStub;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With Twilio configured, real shoppers reach the shop: the sandbox (whose Pay button marks an order
 * PAID with no money taken) must then be asked for by name, and the app refuses to start when it
 * would only be the default, saying why in its log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxBesideRealPlatformTest {

    static Map<String, String> twilio() {
        return new HashMap<>(Map.of("shopkeeper.twilio.account-sid", TwilioStub.ACCOUNT_SID,
                "shopkeeper.twilio.auth-token", TwilioStub.AUTH_TOKEN,
                "shopkeeper.twilio.whatsapp-from", TwilioStub.FROM,
                "shopkeeper.twilio.api-base-url", "http://127.0.0.1:9"));
    }

    @Test
    void twilioWithNoPaymentProviderRefusesToStartAndSaysWhy(CapturedOutput output) throws Exception {
        String redis = TestRedis.url(14);
        TestRedis.flush(redis);
        assertThatThrownBy(() -> TestApps.start(Files.createTempDirectory("sk-sandbox-refused"), redis, twilio(), ctx -> { })
                .close())
                .hasRootCauseInstanceOf(SandboxBesideRealPlatformException.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Refusing to start: a real messaging platform is configured, twilio (shopkeeper.twilio.account-sid)")
                .contains("shopkeeper.payment.provider=sandbox");
    }

    @Test
    void theSandboxAskedForByNameStartsBesideTwilioWithAWarning(CapturedOutput output) throws Exception {
        String redis = TestRedis.url(14);
        TestRedis.flush(redis);
        Map<String, String> props = twilio();
        props.put("shopkeeper.payment.provider", "sandbox");
        try (var app = TestApps.start(Files.createTempDirectory("sk-sandbox-asked"), redis, props, ctx -> { })) {
            assertThat(app.getBean(PaymentProvider.class).name()).isEqualTo("sandbox");
        }
        assertThat(output.getOut()).contains("the sandbox is on beside [TWILIO]");
    }
}
