package com.shopkeeper.shopper;

import java.time.Instant;

/**
 * Someone who chats with the shop. {@code address} is the platform's id for them: for WhatsApp
 * the phone number ("whatsapp:+15551234567"), for the web simulator a session id.
 */
public record Shopper(String id,
                      String address,
                      String name,
                      boolean optedOut,
                      Instant createdAt,
                      Instant lastInteraction,
                      String activeConversationId) {

    /** The address fit for a log line or an admin list: all but the last four digits hidden. */
    public String masked() {
        return mask(address);
    }

    public static String mask(String address) {
        if (address == null) {
            return null;
        }
        int colon = address.indexOf(':');
        String prefix = colon >= 0 ? address.substring(0, colon + 1) : "";
        String rest = address.substring(prefix.length());
        if (rest.length() <= 4) {
            return prefix + "****";
        }
        int keepStart = rest.startsWith("+") ? Math.min(3, rest.length() - 4) : 0;
        return prefix + rest.substring(0, keepStart) + "*".repeat(rest.length() - keepStart - 4)
                + rest.substring(rest.length() - 4);
    }
}
