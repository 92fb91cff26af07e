package com.shopkeeper.messaging;

/**
 * What one webhook request may carry, zero or more of: a shopper's message, or news of a message
 * the shop sent ({@link DeliveryStatus}). A request that carries neither (a read receipt of
 * something else, a platform's test ping) is acknowledged and nothing is done.
 */
public sealed interface WebhookEvent permits InboundMessage, DeliveryStatus {

    /** The platform's name ("twilio", "meta", "web"). */
    String platform();
}
