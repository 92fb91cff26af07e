package com.shopkeeper.messaging;

import java.util.List;
import java.util.Optional;

/**
 * A chat platform the shop talks on: WhatsApp through Twilio, WhatsApp's own Cloud API, the local
 * web simulator, and whatever comes next. Adding one is one new package with one bean of this type;
 * the gateway, queue and workers find it by {@link #name()} (the {@code {platform}} of
 * {@code /webhook/{platform}}).
 *
 * <p>Shoppers on a phone platform are named by their number in E.164 ({@code +15551234567}),
 * whatever the platform writes (Twilio's {@code whatsapp:+1…}, Meta's bare digits), so that one
 * person is one shopper on every platform; each platform turns that back into its own address when
 * it sends.
 */
public interface MessagingPlatform {

    /** The path segment and the value stored in {@code conversations.platform}. */
    String name();

    /** Whether the request really comes from the platform (its signature, token...). */
    boolean validateWebhook(WebhookRequest request);

    /**
     * The events in a request that {@link #validateWebhook} accepted: zero or more messages and
     * delivery statuses, in the order the request lists them.
     *
     * @throws MalformedWebhookException when the request is not what the platform sends
     */
    List<WebhookEvent> parse(WebhookRequest request);

    /**
     * The answer to a verification handshake ({@code GET /webhook/{platform}}): the text to echo
     * when the request proves it comes from whoever set the platform up, else empty (403). A
     * platform without a handshake is never asked ({@link #hasHandshake()}).
     */
    default Optional<String> handshake(WebhookRequest request) {
        return Optional.empty();
    }

    default boolean hasHandshake() {
        return false;
    }

    /**
     * Sends text to the shopper at {@code address}, split as the platform needs.
     *
     * @return the platform's id of each message it took, in order (empty when it gives none)
     * @throws PlatformSendException when the platform refused it or could not be reached after retries
     */
    List<String> sendMessage(String address, String text);

    /** Sends media (image URLs) with an optional caption; answers as {@link #sendMessage}. */
    List<String> sendMedia(String address, String caption, List<String> mediaUrls);

    /**
     * Sends a reply that offers options to tap ({@link Reply#choices()}): reply buttons or a list
     * picker where the platform has them. This default is for a platform without them: the reply's
     * text, which says the same in words, as {@link #sendMessage} or {@link #sendMedia} would.
     */
    default List<String> sendChoices(String address, Reply reply) {
        return reply.mediaUrls().isEmpty() ? sendMessage(address, reply.text())
                : sendMedia(address, reply.text(), reply.mediaUrls());
    }

    /**
     * Whether the platform refuses free-form messages more than 24 hours after the shopper's last
     * one (WhatsApp's customer service window); outside it only approved templates go.
     */
    default boolean keepsServiceWindow() {
        return false;
    }

    /** Whether an approved template is configured for this notice. */
    default boolean hasTemplate(Notice notice) {
        return false;
    }

    /**
     * Sends the template configured for {@code notice}, its variables filled in order.
     *
     * @throws IllegalStateException when none is configured ({@link #hasTemplate})
     */
    default List<String> sendTemplate(String address, Notice notice, List<String> variables) {
        throw new IllegalStateException(name() + " has no template for " + notice.key());
    }

    /** What the webhook answers at once (Twilio wants TwiML, the simulator JSON). */
    default WebhookAck ack() {
        return WebhookAck.EMPTY_JSON;
    }
}
