package com.shopkeeper.messaging;

/**
 * Tells the shopper of a conversation something on the shop's own initiative (payment confirmations,
 * order status changes), on the platform that conversation is on. The messaging pipeline provides
 * the real one: free-form inside WhatsApp's 24-hour window, the notice's approved template outside
 * it, retried when the platform cannot take it, and recorded whatever becomes of it.
 */
public interface ShopperMessenger {

    void tell(String conversationId, NoticeText notice);

    /**
     * The same, for a notice that belongs to the caller's transaction: written down in it, and tried
     * once it commits (at once when there is none). It goes only if the caller's change stands, and
     * once committed it is not lost: a worker that dies before trying it leaves it to the retrier.
     *
     * @return the notice's id in the outbound log
     */
    String tellOnCommit(String conversationId, NoticeText notice);

    /** Whether a free-form message would reach the conversation's shopper now, and if not, why. */
    Reach reach(String conversationId);

    enum Reach {
        FREE_FORM,
        /** The shopper's last message is older than the 24-hour window: only a template may go. */
        OUTSIDE_WINDOW,
        /** The shopper sent STOP: nothing goes. */
        OPTED_OUT
    }
}
