package com.shopkeeper.messaging;

/**
 * Tells the shopper of a conversation something, on the platform that conversation is on
 * (payment confirmations, order status changes). The messaging pipeline provides the real one.
 */
public interface ShopperMessenger {

    void tell(String conversationId, String text);
}
