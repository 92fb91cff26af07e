package com.shopkeeper.queue;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of {@code message_queue}, as JSON. Short field names: the gateway writes thousands a
 * second and the Lua scripts read {@code k}. Nothing personal is in plaintext: the shopper key is a
 * keyed hash, and who wrote what travels sealed in {@code x} (see {@link QueueSeal}).
 *
 * @param id   our id for the entry
 * @param kind {@code message} (a shopper's message) or {@code throttled} (send the one "slow down" reply)
 * @param k    the shopper key, a keyed hash of platform and address: what orders and locks are per
 * @param p    platform
 * @param mid  platform message id (the platform's, not personal: Twilio's MessageSid, a wamid)
 * @param x    the sealed message: address, name, text and media
 * @param att  attempts so far
 * @param at   received (epoch ms)
 * @param err  why the last attempt failed (exception type only: no message text, no PII)
 * @param fin  when it was dead-lettered (epoch ms), for forgetting dead letters by age
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueItem(String id, String kind, String k, String p, String mid, String x, int att, long at, String err,
                 Long fin) {

    static final String MESSAGE = "message";
    static final String THROTTLED = "throttled";

    static QueueItem message(String id, String shopperKey, String platform, String platformMessageId, String sealed,
                             long now) {
        return new QueueItem(id, MESSAGE, shopperKey, platform, platformMessageId, sealed, 0, now, null, null);
    }

    static QueueItem throttled(String id, String shopperKey, String platform, String sealed, long now) {
        return new QueueItem(id, THROTTLED, shopperKey, platform, null, sealed, 0, now, null, null);
    }

    QueueItem failed(String error) {
        return new QueueItem(id, kind, k, p, mid, x, att + 1, at, error, fin);
    }

    QueueItem dead(long now) {
        return new QueueItem(id, kind, k, p, mid, x, att, at, err, now);
    }

    /** Back on the queue from the dead letters: attempts start again. */
    QueueItem fresh() {
        return new QueueItem(id, kind, k, p, mid, x, 0, at, null, null);
    }
}
