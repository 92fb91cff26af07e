package com.shopkeeper.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe webhook events for tests, from wiremock-stubs/stripe/events, signed as Stripe signs them. */
public final class StripeEvents {

    private StripeEvents() {
    }

    public static String event(String type, String sessionId, String orderId, String status, String paymentStatus) {
        try {
            long now = Instant.now().getEpochSecond();
            return Files.readString(Path.of("wiremock-stubs/stripe/events/checkout-session-event.json"))
                    .replace("__EVENT_ID__", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                    .replace("__TYPE__", type).replace("__SESSION_ID__", sessionId).replace("__ORDER_ID__", orderId)
                    .replace("__STATUS__", status).replace("__PAYMENT_STATUS__", paymentStatus)
                    .replace("__CREATED__", Long.toString(now)).replace("__EXPIRES__", Long.toString(now + 3600));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stripe's scheme: {@code t=<time>,v1=<hex HMAC-SHA256(secret, "<time>.<payload>")>}. */
    public static String signature(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
