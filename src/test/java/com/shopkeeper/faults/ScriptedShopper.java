package com.shopkeeper.faults;

import com.shopkeeper.support.TwilioStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A WhatsApp shopper as Twilio presents them to a load balancer in front of the instances: each
 * message a signed webhook with a MessageSid of its own, posted to the next instance in turn. A 503,
 * a refused connection or no answer within Twilio's 15 s is retried with the SAME MessageSid after a
 * growing pause (Twilio does so with the retry override on the webhook URL), until it is accepted.
 * The shopper says hello, adds known quantities of their own few products while the faults go on,
 * and finally asks to see the cart; what each accepted message asked for is remembered.
 */
final class ScriptedShopper implements Runnable {

    /** One message: what was said, when first posted, when accepted, after how many attempts. */
    record Sent(int index, String sid, String text, long firstPostMillis, long acceptedMillis, int attempts) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String WEBHOOK = TwilioStub.PUBLIC_BASE + "/webhook/twilio";
    private static final int MAX_PER_PRODUCT = com.shopkeeper.llm.FunctionCalls.MAX_QUANTITY; // more is refused, as it should be

    final int number;
    final String phone;
    final String name;
    private final List<String> skus;
    private final Supplier<String> balancer;
    private final BooleanSupplier keepShopping;
    private final int minMessages;
    private final Random random;
    private final String sidPrefix;
    private final Counters counters;

    final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    /** What the cart must hold: quantity by sku, from the accepted messages. */
    final Map<String, Integer> expectedCart = Collections.synchronizedMap(new TreeMap<>());
    volatile Throwable failure;
    volatile boolean done;

    /** Webhook outcomes over all shoppers. */
    static final class Counters {
        final AtomicLong posts = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();     // 503
        final AtomicLong connectionFailed = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
    }

    ScriptedShopper(int number, int run, List<String> skus, Supplier<String> balancer, BooleanSupplier keepShopping,
                    int minMessages, long seed, Counters counters) {
        this.number = number;
        this.phone = String.format("whatsapp:+1555%02d%05d", run % 100, number);
        this.name = "Shopper " + number;
        this.skus = skus;
        this.balancer = balancer;
        this.keepShopping = keepShopping;
        this.minMessages = minMessages;
        this.random = new Random(seed);
        this.sidPrefix = String.format("SM%02x%04x", run % 256, number);
        this.counters = counters;
    }

    @Override
    public void run() {
        try {
            say("hi");
            Map<String, Integer> asked = new LinkedHashMap<>();
            int adds = 0;
            while (adds < minMessages || keepShopping.getAsBoolean()) {
                String sku = skus.get(random.nextInt(skus.size()));
                int quantity = 1 + random.nextInt(3);
                if (asked.getOrDefault(sku, 0) + quantity > MAX_PER_PRODUCT) {
                    if (asked.values().stream().allMatch(q -> q + 1 > MAX_PER_PRODUCT)) {
                        break;
                    }
                    continue;
                }
                pauseBetweenMessages();
                say("add " + quantity + " " + sku);
                asked.merge(sku, quantity, Integer::sum);
                expectedCart.merge(sku, quantity, Integer::sum);
                adds++;
            }
            pauseBetweenMessages();
            say("cart");
        } catch (Throwable t) {
            failure = t;
        } finally {
            done = true;
        }
    }

    /** Mostly a few seconds between messages, sometimes quick ones that queue behind a turn still running. */
    private void pauseBetweenMessages() {
        long ms = random.nextInt(10) < 3 ? 200 + random.nextInt(600) : 2000 + random.nextInt(5000);
        AppInstance.pause(Duration.ofMillis(ms));
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private void say(String text) {
        int index = sent.size();
        String sid = sidPrefix + String.format("%024x", SEQUENCE.incrementAndGet());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", TwilioStub.ACCOUNT_SID);
        params.put("From", phone);
        params.put("To", TwilioStub.FROM);
        params.put("Body", text);
        params.put("NumMedia", "0");
        params.put("ProfileName", name);
        String form = TwilioStub.form(params);
        String signature = TwilioStub.sign(WEBHOOK, params);
        long first = System.currentTimeMillis();
        Duration backoff = Duration.ofMillis(500);
        long deadline = first + Duration.ofMinutes(3).toMillis();
        for (int attempt = 1; ; attempt++) {
            counters.posts.incrementAndGet();
            String target = balancer.get();
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(target + "/webhook/twilio"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    sent.add(new Sent(index, sid, text, first, System.currentTimeMillis(), attempt));
                    return;
                }
                if (r.statusCode() != 503) {
                    throw new AssertionError(name + ": webhook answered " + r.statusCode() + " " + r.body() + " to " + text);
                }
                counters.unavailable.incrementAndGet();
            } catch (java.net.http.HttpTimeoutException e) {
                counters.timedOut.incrementAndGet();
            } catch (IOException e) {
                counters.connectionFailed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(name + ": \"" + text + "\" (" + sid + ") not accepted after " + attempt + " attempts");
            }
            AppInstance.pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(4)) > 0 ? Duration.ofSeconds(4) : backoff.multipliedBy(2);
        }
    }
}
