package com.shopkeeper.shopper;

import java.time.Instant;

/**
 * Someone who chats with the shop. {@code address} names them: on WhatsApp the phone number in E.164
 * ("+15551234567"), the same whichever platform (Twilio, the Cloud API) brought them; for the web
 * simulator a session id ("web:…").
 */
public record Shopper(String id,
                      String address,
                      String name,
                      boolean optedOut,
                      Instant createdAt,
                      Instant lastInteraction,
                      String activeConversationId) {

    /** How Twilio writes a WhatsApp number, and how shoppers were stored before numbers were E.164. */
    public static final String LEGACY_WHATSAPP = "whatsapp:";

    /** An address as shoppers are stored: Twilio's "whatsapp:+1…" is the number "+1…". */
    public static String normalize(String address) {
        return address != null && address.startsWith(LEGACY_WHATSAPP) ? address.substring(LEGACY_WHATSAPP.length()) : address;
    }

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
