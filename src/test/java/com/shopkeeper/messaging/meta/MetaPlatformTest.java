package com.shopkeeper.messaging.meta;

import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.MessagingPlatformContract;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.support.MetaStub;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The messaging platform contract for WhatsApp's Cloud API, against WireMock stubs of the Graph API
 * ({@code wiremock-stubs/meta}), with webhooks signed with the app secret as Meta signs them.
 */
class MetaPlatformTest extends MessagingPlatformContract {

    private static MetaStub meta;
    private static MetaPlatform platform;

    @BeforeAll
    static void start() {
        meta = MetaStub.start();
        platform = new MetaPlatform(new MetaProperties(MetaStub.APP_SECRET, MetaStub.VERIFY_TOKEN, MetaStub.ACCESS_TOKEN,
                MetaStub.PHONE_NUMBER_ID, meta.server().baseUrl(), "v23.0", null, 2, Duration.ofMillis(20),
                Duration.ofSeconds(10), Map.of()), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        meta.server().stop();
    }

    @Override
    protected MessagingPlatform platform() {
        return platform;
    }

    /** A US number; not +19992…, which the stubs throttle once. */
    @Override
    protected String newShopper() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    @Override
    protected WebhookRequest textMessage(String shopper, String messageId, String text) {
        String waId = shopper.substring(1); // Meta writes the number without its plus
        return signed(MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(waId, "Ada")),
                "messages", List.of(MetaStub.text(waId, messageId, text)))).getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest signed(byte[] body) {
        return request(body, MetaStub.sign(body));
    }

    private static WebhookRequest request(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return new WebhookRequest("http://10.0.0.7:8080", "/webhook/meta", null, headers, Map.of(), body);
    }

    @Override
    protected WebhookRequest unsigned(WebhookRequest request) {
        return request(request.body(), null);
    }

    @Override
    protected Optional<WebhookRequest> altered(WebhookRequest request) {
        byte[] changed = new String(request.body(), StandardCharsets.UTF_8).replace("hello", "hullo")
                .getBytes(StandardCharsets.UTF_8);
        return Optional.of(request(changed, request.header("X-Hub-Signature-256")));
    }

    @Override
    protected List<WebhookRequest> malformed(String shopper) {
        return List.of(
                signed("{\"entry\": 5".getBytes(StandardCharsets.UTF_8)),
                signed("[]".getBytes(StandardCharsets.UTF_8)),
                signed(MetaStub.webhook(Map.of("messages", List.of(Map.of("id", "wamid.x", "type", "text"))))
                        .getBytes(StandardCharsets.UTF_8)),
                // Meta writes the sender's number in digits alone.
                signed(MetaStub.webhook(Map.of("messages", List.of(MetaStub.text(shopper, "wamid.y", "hi"))))
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected boolean isPhonePlatform() {
        return true;
    }

    @Override
    protected boolean givesMessageIds() {
        return true;
    }

    @Override
    protected OptionalInt maxText() {
        return OptionalInt.of(MetaPlatform.MAX_TEXT);
    }

    @Override
    protected List<String> received(String shopper) {
        return meta.sentTo(shopper.substring(1));
    }
}
