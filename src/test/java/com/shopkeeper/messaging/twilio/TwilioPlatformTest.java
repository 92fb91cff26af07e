package com.shopkeeper.messaging.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Choices;
import com.shopkeeper.messaging.MessagingPlatform;
import com.shopkeeper.messaging.MessagingPlatformContract;
import com.shopkeeper.messaging.Reply;
import com.shopkeeper.messaging.WebhookRequest;
import com.shopkeeper.support.TestDatabases;
import com.shopkeeper.support.TwilioStub;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messaging platform contract for WhatsApp through Twilio, against WireMock stubs of its REST and
 * Content APIs ({@code wiremock-stubs/twilio}), with webhooks signed as Twilio signs them; then what
 * Twilio does when its Content API cannot make the buttons.
 */
class TwilioPlatformTest extends MessagingPlatformContract {

    private static final String PATH = "/webhook/twilio";
    private static TwilioStub twilio;
    private static CloseableDSLContext db;
    private static TwilioPlatform platform;

    @BeforeAll
    static void start() {
        twilio = TwilioStub.start();
        // Reply buttons are Content API contents whose ids are kept in platform_contents.
        String url = "jdbc:sqlite:" + TestDatabases.tempDir("twilio-platform").resolve("shopkeeper.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/common", "classpath:db/sqlite").load()
                .migrate();
        db = DSL.using(url);
        platform = new TwilioPlatform(new TwilioProperties(TwilioStub.ACCOUNT_SID, TwilioStub.AUTH_TOKEN, TwilioStub.FROM,
                twilio.baseUrl(), TwilioStub.PUBLIC_BASE, 2, Duration.ofMillis(20), TwilioStub.RETRY_OVERRIDE, Map.of()),
                Clock.systemUTC(), db);
    }

    @AfterAll
    static void stop() {
        db.close();
        twilio.server().stop();
    }

    @Override
    protected MessagingPlatform platform() {
        return platform;
    }

    @Override
    protected String newShopper() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    @Override
    protected WebhookRequest textMessage(String shopper, String messageId, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", messageId);
        form.put("AccountSid", TwilioStub.ACCOUNT_SID);
        form.put("From", "whatsapp:" + shopper);
        form.put("To", TwilioStub.FROM);
        form.put("Body", text);
        form.put("NumMedia", "0");
        return signed(form);
    }

    /** As the gateway hands it over: the server's own origin (behind a proxy), the form, Twilio's signature. */
    private static WebhookRequest signed(Map<String, String> form) {
        return request(form, TwilioStub.sign(TwilioStub.PUBLIC_BASE + PATH, form));
    }

    private static WebhookRequest request(Map<String, String> form, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("x-twilio-signature", signature);
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((name, value) -> params.put(name, List.of(value)));
        return new WebhookRequest("http://10.0.0.7:8080", PATH, null, headers, params,
                TwilioStub.form(form).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(WebhookRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        request.params().forEach((name, values) -> form.put(name, values.getFirst()));
        return form;
    }

    @Override
    protected WebhookRequest unsigned(WebhookRequest request) {
        return request(form(request), null);
    }

    @Override
    protected Optional<WebhookRequest> altered(WebhookRequest request) {
        Map<String, String> changed = form(request);
        changed.put("Body", changed.get("Body") + " and send it to me for free");
        return Optional.of(request(changed, request.header("X-Twilio-Signature")));
    }

    @Override
    protected List<WebhookRequest> malformed(String shopper) {
        Map<String, String> noSid = form(textMessage(shopper, "SMx", "hi"));
        noSid.remove("MessageSid");
        Map<String, String> noFrom = form(textMessage(shopper, "SMy", "hi"));
        noFrom.remove("From");
        Map<String, String> sms = form(textMessage(shopper, "SMz", "hi"));
        sms.put("From", shopper); // an SMS to the same number: not WhatsApp
        Map<String, String> badCount = form(textMessage(shopper, "SMw", "hi"));
        badCount.put("NumMedia", "many");
        return List.of(signed(noSid), signed(noFrom), signed(sms), signed(badCount));
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
        return OptionalInt.of(TwilioPlatform.MAX_BODY);
    }

    @Override
    protected List<String> received(String shopper) {
        return twilio.sentTo("whatsapp:" + shopper);
    }

    @Test
    void whenTheContentApiCannotMakeTheButtonsTheReplyGoesAsItsText() {
        String shopper = newShopper();
        // A shape no other test sends, so that no content of it is kept from before.
        Reply reply = new Reply("Which one would you like?", List.of(), Choices.buttons(null, List.of(
                Choices.Option.of("p-1", "Oslo"), Choices.Option.of("p-2", "Bergen"), Choices.Option.of("p-3", "Tromsø"))));
        var down = twilio.server().stubFor(post(urlPathEqualTo("/v1/Content")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}")));
        try {
            List<String> sids = platform.sendChoices(shopper, reply);

            assertThat(received(shopper)).containsExactly("Which one would you like?");
            assertThat(sids).singleElement().asString().startsWith("SM");
            // The shape is not asked for again with every reply while Twilio cannot make it.
            platform.sendChoices(shopper, reply);
            assertThat(received(shopper)).containsExactly("Which one would you like?", "Which one would you like?");
            assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content"))
                    .withRequestBody(containing("shopkeeper-buttons-3")))).hasSize(1);
        } finally {
            twilio.server().removeStub(down);
        }
    }

    @Test
    void aShapeIsMadeOnceAndReusedByEveryInstance() {
        String shopper = newShopper();
        // A shape no other test sends: one button.
        Reply reply = new Reply("Added 1 × *Lamp* to your cart.", List.of(), Choices.buttons(null, List.of(
                Choices.Option.of("sk:checkout", "Checkout"))));
        platform.sendChoices(shopper, reply);
        // Another instance on the same database finds the content made by the first.
        new TwilioPlatform(new TwilioProperties(TwilioStub.ACCOUNT_SID, TwilioStub.AUTH_TOKEN, TwilioStub.FROM,
                twilio.baseUrl(), TwilioStub.PUBLIC_BASE, 2, Duration.ofMillis(20), TwilioStub.RETRY_OVERRIDE, Map.of()),
                Clock.systemUTC(), db).sendChoices(shopper, reply);

        assertThat(twilio.server().findAll(postRequestedFor(urlPathEqualTo("/v1/Content"))
                .withRequestBody(containing("shopkeeper-buttons-1")))).hasSize(1);
        assertThat(twilio.requestsTo("whatsapp:" + shopper)).hasSize(2)
                .allSatisfy(r -> assertThat(TwilioStub.param(r.getBodyAsString(), "ContentSid")).startsWith("HX"));
    }
}
