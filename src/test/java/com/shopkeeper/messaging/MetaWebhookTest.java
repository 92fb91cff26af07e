package com.shopkeeper.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.support.CloudApiShopper;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.MetaStub;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API's webhook as Meta calls it, on a shop configured with Meta alone (the echo
 * processor answers "You said: …"): the verification handshake, signatures, every message of a
 * batched body, the message types shoppers send, de-duplication by wamid, and sends Meta throttles.
 */
class MetaWebhookTest {

    static MetaStub meta;
    static PrivateRedis redis;
    static ConfigurableApplicationContext app;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        meta = MetaStub.start();
        redis = PrivateRedis.start(false);
        var props = new HashMap<>(meta.properties());
        props.put("shopkeeper.payment.provider", "sandbox"); // beside a real platform it must be asked for
        app = TestApps.start(Files.createTempDirectory("meta-webhook"), redis.url(), props, ctx -> { });
        http = new Http("http://localhost:" + TestApps.port(app), JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        redis.close();
        meta.server().stop();
    }

    @Test
    void theVerificationHandshakeEchoesTheChallengeOnlyForTheConfiguredToken() {
        var ok = http.get("/webhook/meta?hub.mode=subscribe&hub.verify_token=" + MetaStub.VERIFY_TOKEN + "&hub.challenge=1158201444");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.header("Content-Type")).startsWith("text/plain");

        assertThat(http.get("/webhook/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1").status()).isEqualTo(403);
        assertThat(http.get("/webhook/meta?hub.mode=unsubscribe&hub.verify_token=" + MetaStub.VERIFY_TOKEN + "&hub.challenge=1")
                .status()).isEqualTo(403);
        assertThat(http.get("/webhook/meta?hub.mode=subscribe&hub.verify_token=" + MetaStub.VERIFY_TOKEN).status()).isEqualTo(403);
        // The simulator is off beside a real platform, and no other platform is configured.
        assertThat(http.get("/webhook/twilio").status()).isEqualTo(404);
    }

    @Test
    void aBodyWithoutTheAppSecretsSignatureIsRefusedAndNothingIsSent() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Mo");
        byte[] body = MetaStub.webhook(Map.of("messages", List.of(MetaStub.text(shopper.waId, "wamid.unsigned1", "hi"))))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(http.send("POST", "/webhook/meta", "application/json", body).status()).isEqualTo(403);
        assertThat(http.withHeader("X-Hub-Signature-256", MetaStub.sign(body, "another-apps-secret"))
                .send("POST", "/webhook/meta", "application/json", body).status()).isEqualTo(403);
        assertThat(http.withHeader("X-Hub-Signature-256", "sha256=not-hex")
                .send("POST", "/webhook/meta", "application/json", body).status()).isEqualTo(403);
        // A signature over other bytes (the body altered on the way) is refused.
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("hi", "ho").getBytes(StandardCharsets.UTF_8);
        var forged = http.withHeader("X-Hub-Signature-256", MetaStub.sign(body)).send("POST", "/webhook/meta", "application/json", altered);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");

        // Signed but not what Meta sends: 400 with a problem detail, never a 500.
        byte[] junk = "{\"entry\": 5".getBytes(StandardCharsets.UTF_8);
        var malformed = shopper.post(junk);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).isNotBlank();
        byte[] noSender = MetaStub.webhook(Map.of("messages", List.of(Map.of("id", "wamid.x", "type", "text"))))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(shopper.post(noSender).status()).isEqualTo(400);

        Eventually.settle(Duration.ofMillis(300));
        assertThat(shopper.replies()).isEmpty();
    }

    @Test
    void everyMessageOfABatchedBodyIsAnsweredOnceEvenWhenMetaSendsItAgain() {
        CloudApiShopper ann = new CloudApiShopper(http, meta, "Ann");
        CloudApiShopper bo = new CloudApiShopper(http, meta, "Bo");
        String annChange = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(ann.waId, "Ann")),
                "messages", List.of(MetaStub.text(ann.waId, "wamid.batch-a1", "first"), MetaStub.text(ann.waId, "wamid.batch-a2", "second"))));
        String boChange = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(bo.waId, "Bo")),
                "messages", List.of(MetaStub.text(bo.waId, "wamid.batch-b1", "hello"))));
        // Two entries in one body, as Meta batches them.
        var mapper = JsonMapper.builder().build();
        var root = (tools.jackson.databind.node.ObjectNode) mapper.readTree(annChange);
        ((tools.jackson.databind.node.ArrayNode) root.get("entry")).add(mapper.readTree(boChange).get("entry").get(0));
        byte[] body = mapper.writeValueAsBytes(root);

        assertThat(ann.post(body).status()).isEqualTo(200);
        assertThat(ann.post(body).status()).isEqualTo(200); // Meta's retry: same wamids
        Eventually.until(() -> ann.replies().size() == 2 && bo.replies().size() == 1 ? true : null, "three answers");
        Eventually.settle(Duration.ofMillis(400));
        assertThat(ann.replies()).containsExactly("You said: first", "You said: second");
        assertThat(bo.replies()).containsExactly("You said: hello");
    }

    @Test
    void buttonAndListRepliesCaptionedImagesAndLocationsAreRead() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Cy");
        String w = shopper.waId;
        List<Map<String, Object>> messages = List.of(
                Map.of("from", w, "id", "wamid.types-1", "timestamp", "1700000000", "type", "interactive",
                        "interactive", Map.of("type", "button_reply", "button_reply", Map.of("id", "checkout", "title", "Checkout"))),
                Map.of("from", w, "id", "wamid.types-2", "timestamp", "1700000001", "type", "interactive",
                        "interactive", Map.of("type", "list_reply", "list_reply", Map.of("id", "p-42", "title", "Blue Sofa",
                                "description", "$450"))),
                Map.of("from", w, "id", "wamid.types-3", "timestamp", "1700000002", "type", "image",
                        "image", Map.of("id", "1479537139650973", "mime_type", "image/jpeg", "sha256", "abc", "caption", "this one in red?")),
                Map.of("from", w, "id", "wamid.types-4", "timestamp", "1700000003", "type", "location",
                        "location", Map.of("latitude", 51.5072, "longitude", -0.1276, "name", "Home", "address", "1 High St")),
                Map.of("from", w, "id", "wamid.types-5", "timestamp", "1700000004", "type", "reaction",
                        "reaction", Map.of("message_id", "wamid.ours", "emoji", "👍")),
                Map.of("from", w, "id", "wamid.types-6", "timestamp", "1700000005", "type", "button",
                        "button", Map.of("payload", "track", "text", "Track my order")));
        byte[] body = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(w, "Cy")), "messages", messages))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(shopper.post(body).status()).isEqualTo(200);
        Eventually.until(() -> shopper.replies().size() >= 5 ? true : null, "five answers");
        Eventually.settle(Duration.ofMillis(300));
        // The reaction is not a message to answer.
        assertThat(shopper.replies()).containsExactly("You said: Checkout", "You said: Blue Sofa", "You said: this one in red?",
                "You said: My location: Home, 1 High St (51.5072, -0.1276)", "You said: Track my order");
    }

    @Test
    void changesForAnotherNumberAndStatusesOfUnknownMessagesAreAcknowledgedAndIgnored() {
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Di");
        Map<String, Object> v = new HashMap<>();
        v.put("messaging_product", "whatsapp");
        v.put("metadata", Map.of("display_phone_number", "15550000000", "phone_number_id", "999999999999999"));
        v.put("messages", List.of(MetaStub.text(shopper.waId, "wamid.other-number", "hi")));
        String other = JsonMapper.builder().build().writeValueAsString(Map.of("object", "whatsapp_business_account",
                "entry", List.of(Map.of("id", "1", "changes", List.of(Map.of("field", "messages", "value", v))))));
        assertThat(shopper.post(other.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(shopper.reportStatus("wamid.never-sent-by-us", "delivered", null)).isEqualTo(200);
        Eventually.settle(Duration.ofMillis(300));
        assertThat(shopper.replies()).isEmpty();
    }

    @Test
    void aSendMetaThrottlesIsTriedAgainAfterABackoff() {
        // The stub answers 429 (130429) to the first message to +19992…, then takes it.
        CloudApiShopper shopper = new CloudApiShopper(http, meta, "Ed", "19992" + (100000 + (int) (Math.random() * 899999)));
        assertThat(shopper.say("anyone there?")).isEqualTo("You said: anyone there?");
        assertThat(shopper.requests()).hasSize(2);
    }
}
