package com.shopkeeper.messaging;

/**
 * Where the gateway hands a parsed message: de-duplicated, rate-limited and enqueued in one go.
 * The queue implements it, so that the gateway never depends on how the queue works.
 */
public interface Inbox {

    Admission admit(InboundMessage message);

    enum Admission {
        /** New, within the limits, enqueued for a worker. */
        ENQUEUED,
        /** Seen before (a platform retry or a double send): nothing done. */
        DUPLICATE,
        /** Over the shopper's hourly limit: recorded as dropped (the first such also gets a polite reply). */
        SHOPPER_LIMITED,
        /** Over the global per-second limit: recorded as dropped. */
        GLOBALLY_LIMITED
    }
}
