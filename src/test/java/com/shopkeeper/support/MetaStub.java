package com.shopkeeper.support;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's WhatsApp Cloud API for tests: WireMock serving the documented-shape stubs in
 * {@code wiremock-stubs/meta}, the settings the app is given, and the signing of webhooks as Meta
 * signs them ({@code X-Hub-Signature-256}).
 */
public final class MetaStub {

    public static final String APP_SECRET = "test-meta-app-secret-0123456789";
    public static final String VERIFY_TOKEN = "test-meta-verify-token";
    public static final String ACCESS_TOKEN = "EAAtestmetaaccesstoken0123456789";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String BUSINESS_ACCOUNT_ID = "102290129340398";
    public static final String DISPLAY_NUMBER = "15550783881";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server;

    private MetaStub(WireMockServer server) {
        this.server = server;
    }

    public static MetaStub start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/meta")
                .globalTemplating(false));
        server.start();
        return new MetaStub(server);
    }

    public WireMockServer server() {
        return server;
    }

    /** The application's Cloud API settings for this stub. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("shopkeeper.meta.app-secret", APP_SECRET);
        p.put("shopkeeper.meta.verify-token", VERIFY_TOKEN);
        p.put("shopkeeper.meta.access-token", ACCESS_TOKEN);
        p.put("shopkeeper.meta.phone-number-id", PHONE_NUMBER_ID);
        p.put("shopkeeper.meta.api-base-url", server.baseUrl());
        p.put("shopkeeper.meta.send-backoff", "20ms");
        p.put("shopkeeper.meta.send-attempts", "2");
        return p;
    }

    /** Meta's X-Hub-Signature-256 of a body: "sha256=" and the hex HMAC-SHA256 with the app secret. */
    public static String sign(byte[] body) {
        return sign(body, APP_SECRET);
    }

    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook body as Meta sends it: one entry, one change of field "messages", with this value. */
    public static String webhook(Map<String, Object> value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("messaging_product", "whatsapp");
        v.put("metadata", Map.of("display_phone_number", DISPLAY_NUMBER, "phone_number_id", PHONE_NUMBER_ID));
        v.putAll(value);
        return JSON.writeValueAsString(Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of(
                "id", BUSINESS_ACCOUNT_ID, "changes", List.of(Map.of("value", v, "field", "messages"))))));
    }

    /** A text message from {@code waId} (digits, no plus) as the webhook's messages[] carries it. */
    public static Map<String, Object> text(String waId, String wamid, String body) {
        return Map.of("from", waId, "id", wamid, "timestamp", Long.toString(System.currentTimeMillis() / 1000),
                "type", "text", "text", Map.of("body", body));
    }

    public static Map<String, Object> contact(String waId, String name) {
        return Map.of("profile", Map.of("name", name), "wa_id", waId);
    }

    /** A status of a message we sent, as the webhook's statuses[] carries it. */
    public static Map<String, Object> status(String wamid, String status, String recipient, Integer errorCode) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", wamid);
        s.put("status", status);
        s.put("timestamp", Long.toString(System.currentTimeMillis() / 1000));
        s.put("recipient_id", recipient);
        if (errorCode != null) {
            s.put("errors", List.of(Map.of("code", errorCode, "title", "error " + errorCode)));
        }
        return s;
    }

    /** The requests sent to this recipient (digits, no plus), in the order the stub received them. */
    public List<LoggedRequest> requestsTo(String waId) {
        return server.findAll(postRequestedFor(urlPathMatching("/v[0-9.]+/" + PHONE_NUMBER_ID + "/messages"))
                .withRequestBody(matchingJsonPath("$[?(@.to == '" + waId + "')]")));
    }

    /**
     * What each message Meta took for this recipient said (a text's body, an image's caption, a
     * template's "template:name"), in order; refused requests are not messages.
     */
    public List<String> sentTo(String waId) {
        return taken(waId).stream().map(e -> said(JSON.readTree(e.getRequest().getBodyAsString()))).toList();
    }

    private List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> taken(String waId) {
        var events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the latest first
        return events.stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/messages") && e.getResponse().getStatus() == 200)
                .filter(e -> JSON.readTree(e.getRequest().getBodyAsString()).path("to").asString("").equals(waId))
                .toList();
    }

    /** The wamid Meta answered for each message sent to this recipient, in the order they were sent. */
    public List<String> idsSentTo(String waId) {
        return taken(waId).stream()
                .map(e -> JSON.readTree(e.getResponse().getBodyAsString()).path("messages").path(0).path("id").asString())
                .toList();
    }

    /**
     * Buttons and lists as WhatsApp shows them: the body, then {@code [title]} a button, or {@code
     * [button]} and a {@code - title · description} line a row. Catalog messages: a product message
     * as {@code [product <retailer id>]}, a multi-product message as its header, its body and a
     * {@code [products: <retailer ids>]} line.
     */
    private static String interactive(JsonNode i) {
        String type = i.path("type").asString("");
        if (type.equals("product")) {
            return (i.path("body").path("text").asString("") + "\n[product "
                    + i.path("action").path("product_retailer_id").asString("") + "]").strip();
        }
        if (type.equals("product_list")) {
            List<String> skus = new java.util.ArrayList<>();
            i.path("action").path("sections").forEach(s -> s.path("product_items")
                    .forEach(p -> skus.add(p.path("product_retailer_id").asString(""))));
            return i.path("header").path("text").asString("") + "\n" + i.path("body").path("text").asString("")
                    + "\n[products: " + String.join(", ", skus) + "]";
        }
        StringBuilder out = new StringBuilder(i.path("body").path("text").asString(""));
        if (type.equals("button")) {
            out.append('\n');
            for (JsonNode b : i.path("action").path("buttons")) {
                out.append('[').append(b.path("reply").path("title").asString("")).append("] ");
            }
        } else {
            out.append("\n[").append(i.path("action").path("button").asString("")).append(']');
            for (JsonNode section : i.path("action").path("sections")) {
                for (JsonNode row : section.path("rows")) {
                    out.append("\n- ").append(row.path("title").asString("")).append(" · ").append(row.path("description").asString(""));
                }
            }
        }
        return out.toString().strip();
    }

    /** The option ids of the buttons or list rows each message to this recipient offered (empty for none). */
    public List<List<ChatShopper.Offered>> choicesSentTo(String waId) {
        return taken(waId).stream().map(e -> {
            JsonNode i = JSON.readTree(e.getRequest().getBodyAsString()).path("interactive");
            List<ChatShopper.Offered> offered = new java.util.ArrayList<>();
            i.path("action").path("buttons").forEach(b -> offered.add(new ChatShopper.Offered(
                    b.path("reply").path("id").asString(""), b.path("reply").path("title").asString(""), false)));
            i.path("action").path("sections").forEach(sec -> sec.path("rows").forEach(row -> offered.add(
                    new ChatShopper.Offered(row.path("id").asString(""), row.path("title").asString(""), true))));
            return List.copyOf(offered);
        }).toList();
    }

    private static String said(JsonNode body) {
        return switch (body.path("type").asString("")) {
            case "text" -> body.path("text").path("body").asString("");
            case "image" -> body.path("image").path("caption").asString("");
            case "template" -> "template:" + body.path("template").path("name").asString("");
            case "interactive" -> interactive(body.path("interactive"));
            default -> body.toString();
        };
    }
}
