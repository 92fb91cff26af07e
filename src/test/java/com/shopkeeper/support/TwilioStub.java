package com.shopkeeper.support;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio for tests: WireMock serving the recorded-shape stubs in {@code wiremock-stubs/twilio},
 * the credentials the app is given, and the signing of webhooks as Twilio signs them.
 */
public final class TwilioStub {

    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "test-twilio-auth-token-0123456789";
    public static final String FROM = "whatsapp:+14155238886";
    /** What Twilio posts to: the public URL, not the one the test server sees. */
    public static final String PUBLIC_BASE = "https://shop.example.com";
    /** The connection-override fragment the README puts on the webhook URL, so that Twilio retries a 503. */
    private static final String MESSAGES = "/2010-04-01/Accounts/.*/Messages.json";
    public static final String RETRY_OVERRIDE = "rc=5&rp=all&tt=15000";

    private final WireMockServer server;

    private TwilioStub(WireMockServer server) {
        this.server = server;
    }

    public static TwilioStub start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("wiremock-stubs/twilio")
                .globalTemplating(false));
        server.start();
        return new TwilioStub(server);
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void configure(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The application's Twilio settings for this stub, for an application a test starts itself ({@link TestApps}). */
    public Map<String, String> properties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("shopkeeper.twilio.account-sid", ACCOUNT_SID);
        p.put("shopkeeper.twilio.auth-token", AUTH_TOKEN);
        p.put("shopkeeper.twilio.whatsapp-from", FROM);
        p.put("shopkeeper.twilio.api-base-url", baseUrl());
        p.put("shopkeeper.twilio.webhook-base-url", PUBLIC_BASE);
        // As the README configures Twilio: the webhook URL carries the retry override.
        p.put("shopkeeper.twilio.webhook-url-fragment", RETRY_OVERRIDE);
        p.put("shopkeeper.twilio.send-backoff", "20ms");
        p.put("shopkeeper.twilio.send-attempts", "2");
        return p;
    }

    /** Twilio's X-Twilio-Signature: HMAC-SHA1 of the URL followed by each parameter name and value, sorted by name. */
    public static String sign(String url, Map<String, String> params) {
        return signPairs(url, params.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
    }

    /**
     * The signature of a form that may repeat a key, as Twilio's helper libraries compute it: the
     * URL, then for each name in order every one of its values in order, each as name and value.
     */
    public static String signPairs(String url, List<Map.Entry<String, String>> pairs) {
        Map<String, List<String>> byName = new TreeMap<>();
        pairs.forEach(p -> byName.computeIfAbsent(p.getKey(), k -> new java.util.ArrayList<>()).add(p.getValue()));
        StringBuilder data = new StringBuilder(url);
        byName.forEach((k, values) -> values.stream().sorted().forEach(v -> data.append(k).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> params) {
        return formOf(List.copyOf(params.entrySet()));
    }

    public static String formOf(List<Map.Entry<String, String>> pairs) {
        return pairs.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * What each message sent to this WhatsApp address showed, in the order Twilio received them: its
     * Body; for a quick-reply or list-picker content ({@link #contentTypes}) its body and then its
     * options as WhatsApp shows them ({@code [Checkout] [View cart]}; a list's {@code [button]} then
     * one {@code - item · description} line a row); null for a template of a notice.
     */
    public List<String> sentTo(String address) {
        return requestsTo(address).stream().map(r -> shown(r.getBodyAsString())).toList();
    }

    /** The option ids of the buttons or list rows each message to this address offered (empty for none). */
    public List<List<ChatShopper.Offered>> choicesSentTo(String address) {
        Map<String, String> types = contentTypes();
        return requestsTo(address).stream().map(r -> {
            Map<String, String> v = variables(param(r.getBodyAsString(), "ContentVariables"));
            String type = types.get(param(r.getBodyAsString(), "ContentSid"));
            List<ChatShopper.Offered> offered = new java.util.ArrayList<>();
            if ("twilio/quick-reply".equals(type)) {
                for (int i = 2; v.containsKey(Integer.toString(i)); i += 2) {
                    offered.add(new ChatShopper.Offered(v.get(Integer.toString(i + 1)), v.get(Integer.toString(i)), false));
                }
            } else if ("twilio/list-picker".equals(type)) {
                for (int i = 3; v.containsKey(Integer.toString(i)); i += 3) {
                    offered.add(new ChatShopper.Offered(v.get(Integer.toString(i + 1)), v.get(Integer.toString(i)), true));
                }
            }
            return List.copyOf(offered);
        }).toList();
    }

    /** The contents made through the Content API: each answered sid and its interactive type. */
    public Map<String, String> contentTypes() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        Map<String, String> types = new java.util.HashMap<>();
        for (var e : server.getAllServeEvents()) {
            if (e.getRequest().getUrl().startsWith("/v1/Content") && e.getResponse().getStatus() == 201) {
                var request = json.readTree(e.getRequest().getBodyAsString()).path("types");
                String type = request.has("twilio/quick-reply") ? "twilio/quick-reply"
                        : request.has("twilio/list-picker") ? "twilio/list-picker" : "other";
                types.put(json.readTree(e.getResponse().getBodyAsString()).path("sid").asString(), type);
            }
        }
        return types;
    }

    private String shown(String form) {
        String body = param(form, "Body");
        String sid = param(form, "ContentSid");
        if (body == null && sid == null && param(form, "MediaUrl") != null) {
            return "[image]";
        }
        if (body != null || sid == null) {
            return body;
        }
        String type = contentTypes().get(sid);
        if (type == null) {
            return null; // a template (a notice outside the window): tests read its ContentSid
        }
        Map<String, String> v = variables(param(form, "ContentVariables"));
        StringBuilder out = new StringBuilder(v.getOrDefault("1", ""));
        if (type.equals("twilio/quick-reply")) {
            out.append('\n');
            for (int i = 2; v.containsKey(Integer.toString(i)); i += 2) {
                out.append('[').append(v.get(Integer.toString(i))).append("] ");
            }
        } else {
            out.append("\n[").append(v.get("2")).append(']');
            for (int i = 3; v.containsKey(Integer.toString(i)); i += 3) {
                out.append("\n- ").append(v.get(Integer.toString(i))).append(" · ").append(v.get(Integer.toString(i + 2)));
            }
        }
        return out.toString().strip();
    }

    private static Map<String, String> variables(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> v = new java.util.HashMap<>();
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(json).properties()
                .forEach(e -> v.put(e.getKey(), e.getValue().asString()));
        return v;
    }

    /** Drops the messages sent so far from the journal (the contents made stay), for a long run of shoppers that are done. */
    public void forgetMessages() {
        server.removeServeEventsMatching(postRequestedFor(urlPathMatching(MESSAGES)).build());
    }

    public List<LoggedRequest> requestsTo(String address) {
        return server.findAll(postRequestedFor(urlPathMatching(MESSAGES))
                .withRequestBody(containing("To=" + URLEncoder.encode(address, StandardCharsets.UTF_8))));
    }

    /** The sid Twilio answered for each message sent to this WhatsApp address, in the order they were sent. */
    public List<String> sidsSentTo(String address) {
        String to = "To=" + URLEncoder.encode(address, StandardCharsets.UTF_8);
        var events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the latest first
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        return events.stream()
                .filter(e -> e.getRequest().getUrl().endsWith("/Messages.json") && e.getResponse().getStatus() == 201)
                .filter(e -> e.getRequest().getBodyAsString().contains(to))
                .map(e -> json.readTree(e.getResponse().getBodyAsString()).path("sid").asString())
                .toList();
    }

    public static String param(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
