package com.shopkeeper.messaging;

import java.util.List;

/**
 * A chat platform the shop talks on: WhatsApp through Twilio, the local web simulator, and
 * whatever comes next. Adding one is one new package with one bean of this type; the gateway,
 * queue and workers find it by {@link #name()} (the {@code {platform}} of {@code POST /webhook/{platform}}).
 */
public interface MessagingPlatform {

    /** The path segment and the value stored in {@code conversations.platform}. */
    String name();

    /** Whether the request really comes from the platform (its signature, token...). */
    boolean validateWebhook(WebhookRequest request);

    /**
     * The standard inbound message in a request that {@link #validateWebhook} accepted.
     *
     * @throws MalformedWebhookException when the request lacks what a message needs
     */
    InboundMessage parseMessage(WebhookRequest request);

    /** Sends text to the shopper at {@code address}; splits it as the platform needs. */
    void sendMessage(String address, String text);

    /** Sends media (an image URL) with an optional caption. */
    void sendMedia(String address, String caption, List<String> mediaUrls);

    /** What the webhook answers at once (Twilio wants TwiML, the simulator JSON). */
    default WebhookAck ack() {
        return WebhookAck.EMPTY_JSON;
    }
}
