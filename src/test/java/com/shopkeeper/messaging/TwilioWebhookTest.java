package com.shopkeeper.messaging;

import com.shopkeeper.messaging.Notice;
import com.shopkeeper.messaging.NoticeText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http.Response;
import com.shopkeeper.support.TwilioStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.shopper.ShopperRepository;

/** The Twilio WhatsApp path end to end: signed webhook in, queue, worker, echo processor, Twilio (WireMock) out. */
class TwilioWebhookTest extends AppTest {

    private static final String TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime());

    @Autowired
    ShopperMessenger messenger;
    @Autowired
    ShopperRepository shoppers;
    @Autowired
    ConversationRepository conversations;
    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    static String newPhone() {
        return "whatsapp:+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
    }

    static String newSid() {
        return "SM" + String.format("%032x", SIDS.incrementAndGet());
    }

    static Map<String, String> message(String from, String sid, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("SmsMessageSid", sid);
        p.put("AccountSid", TwilioStub.ACCOUNT_SID);
        p.put("From", from);
        p.put("To", TwilioStub.FROM);
        p.put("Body", body);
        p.put("NumMedia", "0");
        p.put("ProfileName", "Ada");
        return p;
    }

    Response postSigned(Map<String, String> params) {
        return postSignedFor(TwilioStub.PUBLIC_BASE + "/webhook/twilio", params);
    }

    Response postSignedFor(String signedUrl, Map<String, String> params) {
        return http().withHeader("X-Twilio-Signature", TwilioStub.sign(signedUrl, params))
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.form(params));
    }

    Response send(String from, String body) {
        Response r = postSigned(message(from, newSid(), body));
        assertThat(r.status()).isEqualTo(200);
        return r;
    }

    List<String> awaitReplies(String to, int count) {
        return Eventually.until(() -> {
            List<String> sent = TWILIO.sentTo(to);
            return sent.size() >= count ? sent : null;
        }, count + " replies to " + to);
    }

    @Test
    void signedMessageIsAnsweredWithEmptyTwimlAtOnceAndEchoedThroughTwilio() {
        String phone = newPhone();
        Response r = send(phone, "hello shop");
        assertThat(r.body()).isEqualTo(TWIML);
        assertThat(r.header("Content-Type")).startsWith("text/xml");

        assertThat(awaitReplies(phone, 1)).containsExactly("You said: hello shop");
        var request = TWILIO.requestsTo(phone).getFirst();
        assertThat(TwilioStub.param(request.getBodyAsString(), "From")).isEqualTo(TwilioStub.FROM);
        assertThat(request.getUrl()).isEqualTo("/2010-04-01/Accounts/" + TwilioStub.ACCOUNT_SID + "/Messages.json");

        // The conversation is cached as the specification names it, for a day.
        var shopper = shoppers.findByAddress(phone).orElseThrow();
        var conversation = conversations.findLatest(shopper.id(), "twilio").orElseThrow();
        var cached = redis.opsForHash().entries("conversation:" + conversation.id());
        assertThat(cached).containsEntry("user_id", shopper.id()).containsEntry("state", "BROWSING").containsKey("last_updated");
        assertThat(redis.getExpire("conversation:" + conversation.id())).isBetween(86_000L, 86_400L);
    }

    @Test
    void badOrMissingSignatureIs403AndEnqueuesNothing() {
        String phone = newPhone();
        Map<String, String> forged = message(phone, newSid(), "forged");
        Response bad = http().withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + "/webhook/twilio",
                        Map.of("Body", "something else")))
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.form(forged));
        Response missing = http().post("/webhook/twilio", "application/x-www-form-urlencoded",
                TwilioStub.form(message(phone, newSid(), "unsigned")));
        assertThat(bad.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");

        // One shopper's messages run in order: once this one is answered, the refused ones would have been too.
        send(phone, "genuine");
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: genuine");
        Eventually.settle(Duration.ofMillis(300));
        assertThat(TWILIO.sentTo(phone)).containsExactly("You said: genuine");
    }

    @Test
    void signatureIsCheckedAgainstThePublicUrlNotTheOneTheServerSees() {
        String phone = newPhone();
        Response signedForLocal = postSignedFor("http://localhost:" + port + "/webhook/twilio", message(phone, newSid(), "x"));
        assertThat(signedForLocal.status()).isEqualTo(403);
        Response signedForPublic = postSignedFor(TwilioStub.PUBLIC_BASE + "/webhook/twilio", message(phone, newSid(), "y"));
        assertThat(signedForPublic.status()).isEqualTo(200);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: y");
    }

    @Test
    void aSignatureOverTheWebhookUrlWithItsRetryOverrideIsTwiliosToo() {
        String phone = newPhone();
        // Twilio strips the fragment before calling; whether it signs it is not documented, so both count.
        Response withOverride = postSignedFor(TwilioStub.PUBLIC_BASE + "/webhook/twilio#" + TwilioStub.RETRY_OVERRIDE,
                message(phone, newSid(), "with the override"));
        assertThat(withOverride.status()).isEqualTo(200);
        Response otherFragment = postSignedFor(TwilioStub.PUBLIC_BASE + "/webhook/twilio#rc=1",
                message(phone, newSid(), "another fragment"));
        assertThat(otherFragment.status()).isEqualTo(403);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: with the override");
    }

    @Test
    void signedBodyWithoutFromOrMessageSidIs400() {
        Map<String, String> noFrom = message(newPhone(), newSid(), "hi");
        noFrom.remove("From");
        Map<String, String> noSid = message(newPhone(), newSid(), "hi");
        noSid.remove("MessageSid");
        assertThat(postSigned(noFrom).status()).isEqualTo(400);
        assertThat(postSigned(noSid).status()).isEqualTo(400);
    }

    @Test
    void aFormWithABrokenEscapeIs400WithAProblemAndNoStackTrace() {
        Response r = http().post("/webhook/twilio", "application/x-www-form-urlencoded", "Body=%zz&From=whatsapp%3A%2B1");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("The form body cannot be read.").doesNotContain("Exception");
    }

    /** Issue 13, item 10: Twilio posts its forms without a charset; they are UTF-8, as Twilio signs them. */
    @Test
    void aSignedMessageWithEmojiAndAccentsIsTakenWhenTheFormNamesNoCharset() {
        String phone = newPhone();
        Map<String, String> params = message(phone, newSid(), "café ☕ ¿qué tal? 👍");
        params.put("ProfileName", "José Ñúñez");
        Response r = http().withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + "/webhook/twilio", params))
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.form(params));
        assertThat(r.status()).isEqualTo(200);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: café ☕ ¿qué tal? 👍");
        assertThat(shoppers.findByAddress(phone).orElseThrow().name()).isEqualTo("José Ñúñez");
    }

    /** A charset the form does name is the one it is read in. */
    @Test
    void aFormThatNamesItsCharsetIsReadInIt() {
        String phone = newPhone();
        Map<String, String> params = message(phone, newSid(), "crème brûlée");
        String latin1 = params.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.ISO_8859_1) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .collect(java.util.stream.Collectors.joining("&"));
        Response r = http().withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + "/webhook/twilio", params))
                .post("/webhook/twilio", "application/x-www-form-urlencoded; charset=ISO-8859-1", latin1);
        assertThat(r.status()).isEqualTo(200);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: crème brûlée");
    }

    /**
     * Twilio signs the URL it called, query string included, followed by the POST body's
     * parameters only: the query's parameters are not signed twice.
     */
    @Test
    void theSignatureCoversTheUrlWithItsQueryAndTheBodyParametersOnly() {
        String phone = newPhone();
        String path = "/webhook/twilio?shop=main&note=a%20b";
        Map<String, String> params = message(phone, newSid(), "with a query");
        Response r = http().withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + path, params))
                .post(path, "application/x-www-form-urlencoded", TwilioStub.form(params));
        assertThat(r.status()).isEqualTo(200);

        Map<String, String> queryCountedTwice = message(phone, newSid(), "signed wrongly");
        Map<String, String> signed = new java.util.HashMap<>(queryCountedTwice);
        signed.put("shop", "main");
        signed.put("note", "a b");
        Response wrong = http().withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + path, signed))
                .post(path, "application/x-www-form-urlencoded", TwilioStub.form(queryCountedTwice));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: with a query");
    }

    /** A key the form repeats is signed with every one of its values, sorted; the first alone does not do. */
    @Test
    void everyValueOfARepeatedKeyIsPartOfTheSignature() {
        String phone = newPhone();
        List<Map.Entry<String, String>> pairs = new ArrayList<>(message(phone, newSid(), "repeated keys").entrySet());
        pairs.add(Map.entry("Label", "zeta"));
        pairs.add(Map.entry("Label", "alpha"));
        pairs.add(Map.entry("Label", "mid"));
        String url = TwilioStub.PUBLIC_BASE + "/webhook/twilio";
        Response r = http().withHeader("X-Twilio-Signature", TwilioStub.signPairs(url, pairs))
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.formOf(pairs));
        assertThat(r.status()).isEqualTo(200);

        // Signed over the first value alone, a second one could have been added by anyone.
        List<Map.Entry<String, String>> smuggled = new ArrayList<>(message(phone, newSid(), "smuggled").entrySet());
        String signature = TwilioStub.signPairs(url, smuggled);
        smuggled.add(Map.entry("Body", "and more"));
        Response added = http().withHeader("X-Twilio-Signature", signature)
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.formOf(smuggled));
        assertThat(added.status()).isEqualTo(403);
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: repeated keys");
    }

    /** Only WhatsApp is spoken here: an SMS, or anything else, is a 400 and never answered. */
    @Test
    void aFromOrToThatIsNotAWhatsAppAddressIs400AndNeverAnswered() {
        String phone = newPhone();
        String sms = "+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
        List<Map<String, String>> refused = new ArrayList<>();
        for (String from : List.of(sms, "sms:" + sms, "whatsapp:", "whatsapp:" + sms.substring(1), "whatsapp:+1 555 0100",
                "whatsapp:+15550100\nX", "messenger:12345")) {
            refused.add(message(from, newSid(), "from " + from));
        }
        for (String to : List.of("+14155238886", "whatsapp:+1415523888a", "")) {
            Map<String, String> p = message(phone, newSid(), "to " + to);
            p.put("To", to);
            refused.add(p);
        }
        Map<String, String> noTo = message(phone, newSid(), "no To");
        noTo.remove("To");
        refused.add(noTo);
        for (Map<String, String> p : refused) {
            Response r = postSigned(p);
            assertThat(r.status()).as(p.get("From") + " -> " + p.get("To")).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        send(phone, "genuine");
        assertThat(awaitReplies(phone, 1)).containsExactly("You said: genuine");
        Eventually.settle(Duration.ofMillis(300));
        assertThat(TWILIO.sentTo(phone)).containsExactly("You said: genuine");
        assertThat(TWILIO.sentTo(sms)).isEmpty();
        assertThat(TWILIO.sentTo("sms:" + sms)).isEmpty();
    }

    @Test
    void unknownPlatformIs404() {
        assertThat(http().post("/webhook/telegram", "application/json", "{}").status()).isEqualTo(404);
    }

    @Test
    void tripleDeliveryOfOneMessageSidIsProcessedOnce() {
        String phone = newPhone();
        Map<String, String> params = message(phone, newSid(), "only once");
        for (int i = 0; i < 3; i++) {
            assertThat(postSigned(params).status()).isEqualTo(200);
        }
        send(phone, "after");
        assertThat(awaitReplies(phone, 2)).containsExactly("You said: only once", "You said: after");
        Eventually.settle(Duration.ofMillis(300));
        assertThat(TWILIO.sentTo(phone)).hasSize(2);
    }

    @Test
    void burstFromOneShopperIsAnsweredInOrderWhileOthersAreServedToo() throws Exception {
        String busy = newPhone();
        List<String> others = IntStream.range(0, 8).mapToObj(i -> newPhone()).toList();
        List<Thread> senders = new ArrayList<>();
        senders.add(Thread.ofVirtual().start(() -> IntStream.rangeClosed(1, 50).forEach(i -> send(busy, "burst " + i))));
        for (String other : others) {
            senders.add(Thread.ofVirtual().start(() -> IntStream.rangeClosed(1, 3).forEach(i -> send(other, "other " + i))));
        }
        for (Thread t : senders) {
            t.join();
        }
        List<String> expected = IntStream.rangeClosed(1, 50).mapToObj(i -> "You said: burst " + i).toList();
        assertThat(awaitReplies(busy, 50)).containsExactlyElementsOf(expected);
        for (String other : others) {
            assertThat(awaitReplies(other, 3)).containsExactly("You said: other 1", "You said: other 2", "You said: other 3");
        }
    }

    @Test
    void overTheHourlyLimitTheShopperGetsOnePoliteReplyAndTheDropsAreRecorded() {
        String phone = newPhone();
        for (int i = 1; i <= 63; i++) {
            send(phone, "msg " + i);
        }
        List<String> sent = awaitReplies(phone, 61);
        Eventually.settle(Duration.ofMillis(300));
        sent = TWILIO.sentTo(phone);
        assertThat(sent).filteredOn(InboundHandler.SLOW_DOWN::equals).hasSize(1);
        assertThat(sent).filteredOn(s -> s.startsWith("You said: ")).hasSize(60);

        var dropped = admin().get("/api/admin/queue/dropped?limit=1000").json();
        List<String> droppedTexts = new ArrayList<>();
        dropped.forEach(d -> {
            if (com.shopkeeper.shopper.Shopper.normalize(phone).equals(d.get("shopper").asString())) {
                assertThat(d.get("reason").asString()).isEqualTo("shopper-limit");
                droppedTexts.add(d.get("text").asString());
            }
        });
        assertThat(droppedTexts).containsExactlyInAnyOrder("msg 61", "msg 62", "msg 63");
    }

    @Test
    void stopSilencesTheShopperUntilStart() {
        String phone = newPhone();
        send(phone, "hi");
        awaitReplies(phone, 1);
        send(phone, "STOP");
        assertThat(awaitReplies(phone, 2).get(1)).isEqualTo(InboundHandler.STOPPED);

        send(phone, "are you there?");
        var shopper = Eventually.until(() -> shoppers.findByAddress(phone).filter(s -> s.optedOut()).orElse(null), "opted out");
        var conversation = conversations.findLatest(shopper.id(), "twilio").orElseThrow();
        messenger.tell(conversation.id(), new NoticeText(Notice.SHIPPED, "Your order has shipped", List.of()));
        send(phone, "START");
        List<String> afterStart = awaitReplies(phone, 3);
        assertThat(afterStart.get(2)).isEqualTo(InboundHandler.RESTARTED);
        send(phone, "back");
        assertThat(awaitReplies(phone, 4)).containsExactly("You said: hi", InboundHandler.STOPPED,
                InboundHandler.RESTARTED, "You said: back");
        messenger.tell(conversation.id(), new NoticeText(Notice.SHIPPED, "Your order has shipped", List.of()));
        assertThat(awaitReplies(phone, 5).get(4)).isEqualTo("Your order has shipped");
    }

    @Test
    void replyLongerThan1600CharactersIsSplitAtWordBoundaries() {
        String phone = newPhone();
        String words = String.join(" ", IntStream.range(0, 400).mapToObj(i -> "word" + i).toList());
        send(phone, words);
        Eventually.settle(Duration.ofMillis(200));
        List<String> parts = awaitReplies(phone, 2);
        Eventually.settle(Duration.ofMillis(300));
        parts = TWILIO.sentTo(phone);
        assertThat(parts).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1600));
        assertThat(String.join(" ", parts)).isEqualTo("You said: " + words);
        assertThat(parts).allSatisfy(p -> assertThat(p).doesNotStartWith(" ").doesNotEndWith(" ").matches(".*word\\d+$|^You said.*"));
    }

    @Test
    void twilio503IsRetriedUntilTheMessageGoesThrough() {
        String phone = newPhone();
        var encoded = "To=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8);
        TWILIO.server().stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).atPriority(1)
                .withRequestBody(containing(encoded))
                .inScenario("flaky " + phone).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"more_info\":\"https://www.twilio.com/docs/errors/20503\",\"status\":503}")));
        send(phone, "flaky");
        Eventually.until(() -> TWILIO.requestsTo(phone).size() >= 2);
        assertThat(TWILIO.sentTo(phone)).containsExactly("You said: flaky", "You said: flaky");
        assertThat(TWILIO.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains(encoded))
                .map(e -> e.getResponse().getStatus()).toList()).containsExactlyInAnyOrder(503, 201);
    }

    @Test
    void pictureWithoutTextIsAcceptedAndAcknowledged() {
        String phone = newPhone();
        Map<String, String> params = message(phone, newSid(), "");
        params.put("NumMedia", "1");
        params.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME");
        params.put("MediaContentType0", "image/jpeg");
        assertThat(postSigned(params).status()).isEqualTo(200);
        assertThat(awaitReplies(phone, 1)).containsExactly("Thanks for the picture! I can only read text for now.");
    }

    @Test
    void messageTwilioRefusesForGoodIsDeadLetteredAndAdminsCanReplayIt() {
        String phone = "whatsapp:+15005550503"; // the stubs answer 503 for this number, always
        String sid = newSid();
        assertThat(postSigned(message(phone, sid, "doomed")).status()).isEqualTo(200);
        var dead = Eventually.until(() -> {
            for (var d : admin().get("/api/admin/queue/dead").json()) {
                if (sid.equals(d.get("platform_message_id").asString())) {
                    return d;
                }
            }
            return null;
        }, "dead letter " + sid);
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("error").asString()).isEqualTo("PlatformSendException");
        assertThat(http().get("/api/admin/queue/dead").status()).isEqualTo(401);
        assertThat(admin().get("/api/admin/queue").json().get("dead").asLong()).isGreaterThanOrEqualTo(1);

        // Twilio is back for this number: the replayed message goes through.
        TWILIO.server().stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).atPriority(0)
                .withRequestBody(containing("To=whatsapp%3A%2B15005550503"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}")));
        Response replay = admin().post("/api/admin/queue/dead/replay?id=" + dead.get("id").asString(), "application/json", "");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("replayed").asInt()).isEqualTo(1);
        Eventually.until(() -> TWILIO.server().getAllServeEvents().stream()
                .anyMatch(e -> e.getRequest().getBodyAsString().contains("To=whatsapp%3A%2B15005550503")
                        && e.getResponse().getStatus() == 201));
    }
}
