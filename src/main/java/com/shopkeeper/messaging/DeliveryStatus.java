package com.shopkeeper.messaging;

import java.time.Instant;

/**
 * A platform's news of a message the shop sent: queued, sent, delivered, read, or failed with the
 * platform's error code.
 *
 * @param platformMessageId the id the platform gave the message when it took it (Twilio's SM..., a wamid)
 * @param at                when the platform says it happened, or when it arrived if the platform does not say
 * @param outsideWindow     the platform failed it for WhatsApp's 24-hour window (Twilio 63016, Meta 131047):
 *                          a notice sent free-form goes again as its template
 */
public record DeliveryStatus(String platform, String platformMessageId, Delivery status, String errorCode, Instant at,
                             boolean outsideWindow) implements WebhookEvent {
}
