package com.shopkeeper.messaging;

import java.util.List;

/**
 * One message from a shopper, the same shape whatever platform it came from.
 *
 * @param platform          the platform's name ("twilio", "web")
 * @param platformMessageId the platform's own id (Twilio's MessageSid): a message is processed once, ever
 * @param shopperAddress    where replies go ("whatsapp:+15551234567", a simulator session)
 * @param name              the shopper's display name, when the platform tells it
 * @param text              what they wrote (empty for a picture without caption)
 * @param media             attached media (images), by URL and content type
 */
public record InboundMessage(String platform, String platformMessageId, String shopperAddress, String name,
                             String text, List<Media> media) {

    public InboundMessage {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
    }

    public record Media(String url, String contentType) {
    }
}
