package com.shopkeeper.messaging;

/**
 * Where the gateway hands a parsed message: de-duplicated, rate-limited and enqueued in one go.
 * The queue implements it, so that the gateway never depends on how the queue works.
 */
public interface Inbox {

    Admission admit(InboundMessage message);

    /** How long a platform refused with {@link Admission#busy()} should wait before sending again. */
    java.time.Duration retryAfter();

    enum Admission {
        /** New, within the limits, enqueued for a worker. */
        ENQUEUED,
        /** Seen before (a platform retry or a double send): nothing done. */
        DUPLICATE,
        /** Over the shopper's hourly limit: recorded as dropped (the first such also gets a polite reply). */
        SHOPPER_LIMITED,
        /** Over the global per-second limit: refused (503), so that the platform sends it again later. */
        GLOBALLY_LIMITED,
        /** The queue holds {@code shopkeeper.queue.max-depth} messages already: refused (503) the same way. */
        QUEUE_FULL;

        /** Refused for now: nothing was taken (not even the id), and the platform should try again. */
        public boolean busy() {
            return this == GLOBALLY_LIMITED || this == QUEUE_FULL;
        }
    }
}
