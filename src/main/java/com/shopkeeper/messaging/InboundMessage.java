package com.shopkeeper.messaging;

import java.util.List;

/**
 * One message from a shopper, the same shape whatever platform it came from.
 *
 * @param platform          the platform's name ("twilio", "meta", "web")
 * @param platformMessageId the platform's own id (Twilio's MessageSid, a wamid): a message is processed once, ever
 * @param shopperAddress    who wrote, and where replies go: on WhatsApp the number in E.164
 *                          ("+15551234567", whichever platform brought it), else the platform's id
 *                          (a simulator session)
 * @param name              the shopper's display name, when the platform tells it
 * @param text              what they wrote (empty for a picture without caption)
 * @param media             attached media (images), by URL and content type
 * @param choice            the id of the button or list row the shopper tapped, when they tapped one
 *                          ({@code text} is then what it said); null for a typed message
 * @param order             the lines of a cart the shopper sent from the shop's catalog (a WhatsApp
 *                          order message), by sku; empty for any other message. Only what and how
 *                          many: whatever price the platform quotes is not ours, and is dropped here
 */
public record InboundMessage(String platform, String platformMessageId, String shopperAddress, String name,
                             String text, List<Media> media, String choice, List<OrderLine> order) implements WebhookEvent {

    public InboundMessage {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        choice = choice == null || choice.isBlank() ? null : choice;
        order = order == null ? List.of() : List.copyOf(order);
    }

    public InboundMessage(String platform, String platformMessageId, String shopperAddress, String name, String text,
                          List<Media> media, String choice) {
        this(platform, platformMessageId, shopperAddress, name, text, media, choice, List.of());
    }

    public InboundMessage(String platform, String platformMessageId, String shopperAddress, String name, String text,
                          List<Media> media) {
        this(platform, platformMessageId, shopperAddress, name, text, media, null);
    }

    /**
     * This message with what the shopper wrote right after it (a burst taken as one turn): the texts
     * in order, each a sentence of its own, so that "hi", "do you have backpacks" and "under 100" read
     * "hi. do you have backpacks. under 100", which a model and the offline understanding take as one
     * request (sentence ends are where the offline understanding splits several requests; new lines
     * would run "checkout" and "and send the link" into one).
     */
    public InboundMessage followedBy(List<String> later) {
        StringBuilder joined = new StringBuilder(text.strip());
        for (String next : later) {
            String part = next == null ? "" : next.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (!joined.isEmpty()) {
                joined.append(".!?…".indexOf(joined.charAt(joined.length() - 1)) >= 0 ? " " : ". ");
            }
            joined.append(part);
        }
        return new InboundMessage(platform, platformMessageId, shopperAddress, name, joined.toString(), media, choice);
    }

    public record Media(String url, String contentType) {
    }

    /** One line of a shopper's order: a product by its sku (a catalog's retailer id) and how many. */
    public record OrderLine(String sku, int quantity) {
        public OrderLine {
            if (sku == null || sku.isBlank() || quantity < 1) {
                throw new IllegalArgumentException("an order line needs a sku and a quantity of at least 1");
            }
        }
    }
}
