package com.shopkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shopper on WhatsApp, as Twilio presents them: each message is a signed webhook post, and the
 * bot's answers are read from the Twilio stub, in the order Twilio received them.
 */
public final class WhatsAppShopper implements ChatShopper {

    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime());

    /** Where the posts go: one address of the shop, or several taken in turn. */
    private final List<Http> doors;
    private final AtomicInteger posts = new AtomicInteger();
    private final TwilioStub twilio;
    private final String name;
    public final String phone;

    public WhatsAppShopper(Http http, TwilioStub twilio, String name) {
        this(http, twilio, name, "whatsapp:+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999)));
    }

    private WhatsAppShopper(Http http, TwilioStub twilio, String name, String phone) {
        this(List.of(http), twilio, name, phone);
    }

    private WhatsAppShopper(List<Http> doors, TwilioStub twilio, String name, String phone) {
        this.doors = List.copyOf(doors);
        this.twilio = twilio;
        this.name = name;
        this.phone = phone;
    }

    /** A shopper with this WhatsApp address ("whatsapp:+1…"). */
    public static WhatsAppShopper at(Http http, TwilioStub twilio, String name, String phone) {
        return new WhatsAppShopper(http, twilio, name, phone);
    }

    /** The same shopper (same phone), writing to another address of the shop (e.g. after a restart). */
    public WhatsAppShopper at(Http other) {
        return new WhatsAppShopper(other, twilio, name, phone);
    }

    /**
     * A new shopper whose posts go to each of {@code doors} in turn, as a load balancer spreads
     * Twilio's requests over instances: with two, a retry of a message goes to the other one.
     */
    public static WhatsAppShopper through(List<Http> doors, TwilioStub twilio, String name) {
        return new WhatsAppShopper(doors, twilio, name, "whatsapp:+1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999)));
    }

    private Map<String, String> last;

    /** Posts the last message again, same MessageSid: what Twilio does when it retries. */
    @Override
    public void resend() {
        assertThat(post(last).status()).isEqualTo(200);
    }

    @Override
    public void send(String text) {
        assertThat(attempt(text).status()).isEqualTo(200);
    }

    /** Posts one message and answers the webhook's response, whatever its status. */
    public Http.Response attempt(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        String sid = "SM" + String.format("%032x", SIDS.incrementAndGet());
        p.put("MessageSid", sid);
        p.put("AccountSid", TwilioStub.ACCOUNT_SID);
        p.put("From", phone);
        p.put("To", TwilioStub.FROM);
        p.put("Body", text);
        p.put("NumMedia", "0");
        p.put("ProfileName", name);
        last = p;
        return post(p);
    }

    @Override
    public List<List<Offered>> offered() {
        return twilio.choicesSentTo(phone);
    }

    /** A tap as Twilio posts it: a quick-reply's ButtonPayload and ButtonText, a list row's ListId and ListTitle. */
    @Override
    public void sendTap(Offered option) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", "SM" + String.format("%032x", SIDS.incrementAndGet()));
        p.put("AccountSid", TwilioStub.ACCOUNT_SID);
        p.put("From", phone);
        p.put("To", TwilioStub.FROM);
        p.put("Body", option.title());
        p.put("NumMedia", "0");
        p.put("ProfileName", name);
        if (option.row()) {
            p.put("ListId", option.id());
            p.put("ListTitle", option.title());
        } else {
            p.put("ButtonPayload", option.id());
            p.put("ButtonText", option.title());
        }
        last = p;
        assertThat(post(p).status()).isEqualTo(200);
    }

    /** The platform id (MessageSid) of the last message sent. */
    public String lastSid() {
        return last == null ? null : last.get("MessageSid");
    }

    /** Posts the last message again, same MessageSid, and answers the response: a platform's retry. */
    public Http.Response retry() {
        return post(last);
    }

    private Http.Response post(Map<String, String> p) {
        Http http = doors.get(Math.floorMod(posts.getAndIncrement(), doors.size()));
        return http.withHeader("X-Twilio-Signature", TwilioStub.sign(TwilioStub.PUBLIC_BASE + "/webhook/twilio", p))
                .post("/webhook/twilio", "application/x-www-form-urlencoded", TwilioStub.form(p));
    }

    @Override
    public String e164() {
        return phone.substring("whatsapp:".length());
    }

    @Override
    public List<String> sentIds() {
        return twilio.sidsSentTo(phone);
    }

    /** A status callback as Twilio posts it to the StatusCallback URL (the webhook's own), signed. */
    @Override
    public int reportStatus(String platformMessageId, String status, Integer errorCode) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", platformMessageId);
        p.put("SmsSid", platformMessageId);
        p.put("AccountSid", TwilioStub.ACCOUNT_SID);
        p.put("From", TwilioStub.FROM);
        p.put("To", phone);
        p.put("MessageStatus", status);
        p.put("SmsStatus", status);
        p.put("ChannelPrefix", "whatsapp");
        p.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            p.put("ErrorCode", errorCode.toString());
        }
        return post(p).status();
    }

    /** Everything the bot sent this shopper so far. */
    @Override
    public List<String> replies() {
        return twilio.sentTo(phone);
    }
}
