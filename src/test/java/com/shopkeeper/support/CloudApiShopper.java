package com.shopkeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shopper on WhatsApp as Meta's Cloud API presents them: each message is a signed JSON webhook
 * post to {@code /webhook/meta}, and the bot's answers are read from the Meta stub.
 */
public final class CloudApiShopper implements ChatShopper {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime());

    /** Where the posts go: one address of the shop, or several taken in turn. */
    private final List<Http> doors;
    private final AtomicInteger posts = new AtomicInteger();
    private final MetaStub meta;
    private final String name;
    /** The WhatsApp id: the number's digits, no plus. */
    public final String waId;
    private byte[] last;

    public CloudApiShopper(Http http, MetaStub meta, String name) {
        this(http, meta, name, "1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999)));
    }

    public CloudApiShopper(Http http, MetaStub meta, String name, String waId) {
        this(List.of(http), meta, name, waId);
    }

    private CloudApiShopper(List<Http> doors, MetaStub meta, String name, String waId) {
        this.doors = List.copyOf(doors);
        this.meta = meta;
        this.name = name;
        this.waId = waId;
    }


    /**
     * A new shopper whose posts go to each of {@code doors} in turn, as a load balancer spreads
     * Meta's requests over instances: with two, a redelivery of a message goes to the other one.
     */
    public static CloudApiShopper through(List<Http> doors, MetaStub meta, String name) {
        return new CloudApiShopper(doors, meta, name, "1555" + (1000000 + ThreadLocalRandom.current().nextInt(8999999)));
    }

    @Override
    public void send(String text) {
        String wamid = "wamid.HBgL" + Long.toHexString(IDS.incrementAndGet()) + "AAA=";
        last = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(waId, name)),
                "messages", List.of(MetaStub.text(waId, wamid, text)))).getBytes(StandardCharsets.UTF_8);
        assertThat(post(last).status()).isEqualTo(200);
    }

    @Override
    public List<List<Offered>> offered() {
        return meta.choicesSentTo(waId);
    }

    /** A tap as the Cloud API reports it: an interactive message with a button_reply or list_reply (id and title). */
    @Override
    public void sendTap(Offered option) {
        String wamid = "wamid.HBgL" + Long.toHexString(IDS.incrementAndGet()) + "AAA=";
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("from", waId);
        message.put("id", wamid);
        message.put("timestamp", Long.toString(java.time.Instant.now().getEpochSecond()));
        message.put("type", "interactive");
        Map<String, Object> picked = option.row()
                ? Map.of("type", "list_reply", "list_reply", Map.of("id", option.id(), "title", option.title(), "description", ""))
                : Map.of("type", "button_reply", "button_reply", Map.of("id", option.id(), "title", option.title()));
        message.put("interactive", picked);
        last = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(waId, name)), "messages", List.of(message)))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(last).status()).isEqualTo(200);
    }

    /**
     * Sends the cart of the shop's catalog as WhatsApp does (an {@code order} message: the catalog,
     * an optional note and each product item's retailer id, quantity, price and currency, the price
     * being what the shopper's app showed) and waits for the answer.
     */
    public String order(String catalogId, String note, List<Map<String, Object>> productItems) {
        int before = replies().size();
        String wamid = "wamid.HBgL" + Long.toHexString(IDS.incrementAndGet()) + "AAA=";
        Map<String, Object> order = new java.util.LinkedHashMap<>();
        order.put("catalog_id", catalogId);
        if (note != null) {
            order.put("text", note);
        }
        order.put("product_items", productItems);
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("from", waId);
        message.put("id", wamid);
        message.put("timestamp", Long.toString(java.time.Instant.now().getEpochSecond()));
        message.put("type", "order");
        message.put("order", order);
        last = MetaStub.webhook(Map.of("contacts", List.of(MetaStub.contact(waId, name)), "messages", List.of(message)))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(last).status()).isEqualTo(200);
        awaitAfter(before, "a reply to an order of " + productItems.size() + " item(s)");
        return settled(before);
    }

    /** One product item of an order message, as WhatsApp writes it. */
    public static Map<String, Object> item(String retailerId, int quantity, String price, String currency) {
        return Map.of("product_retailer_id", retailerId, "quantity", quantity, "item_price", new java.math.BigDecimal(price),
                "currency", currency);
    }

    @Override
    public void resend() {
        assertThat(post(last).status()).isEqualTo(200);
    }

    /** Posts a body signed as Meta signs it. */
    public Http.Response post(byte[] body) {
        Http http = doors.get(Math.floorMod(posts.getAndIncrement(), doors.size()));
        return http.withHeader("X-Hub-Signature-256", MetaStub.sign(body))
                .send("POST", "/webhook/meta", "application/json", body);
    }

    /** Every request the bot made to Meta for this shopper, answered or refused. */
    public List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests() {
        return meta.requestsTo(waId);
    }

    @Override
    public List<String> replies() {
        return meta.sentTo(waId);
    }


    @Override
    public String e164() {
        return "+" + waId;
    }

    @Override
    public List<String> sentIds() {
        return meta.idsSentTo(waId);
    }

    @Override
    public int reportStatus(String platformMessageId, String status, Integer errorCode) {
        byte[] body = MetaStub.webhook(Map.of("statuses", List.of(MetaStub.status(platformMessageId, status, waId, errorCode))))
                .getBytes(StandardCharsets.UTF_8);
        return post(body).status();
    }
}
