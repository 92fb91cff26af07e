package com.shopkeeper.messaging;

/**
 * Tells the shopper of a conversation something on the shop's own initiative (payment confirmations,
 * order status changes), on the platform that conversation is on. The messaging pipeline provides
 * the real one: free-form inside WhatsApp's 24-hour window, the notice's approved template outside
 * it, retried when the platform cannot take it, and recorded whatever becomes of it.
 */
public interface ShopperMessenger {

    void tell(String conversationId, NoticeText notice);
}
