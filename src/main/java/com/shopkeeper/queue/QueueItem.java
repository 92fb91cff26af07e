package com.shopkeeper.queue;

import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Reply;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One entry of {@code message_queue}, as JSON. Short field names: the gateway writes thousands a
 * second and the Lua scripts read {@code k}.
 *
 * @param id   our id for the entry
 * @param kind {@code message} (a shopper's message) or {@code throttled} (send the one "slow down" reply)
 * @param k    the shopper key (platform and address): what orders and locks are per
 * @param p    platform
 * @param mid  platform message id
 * @param a    shopper address
 * @param n    shopper name
 * @param t    text
 * @param m    media
 * @param att  attempts so far
 * @param at   received (epoch ms)
 * @param err  why the last attempt failed (exception type only: no message text, no PII)
 * @param r    replies already made but not yet delivered: a retry sends these instead of processing again
 * @param rd   delivered before: taken by an instance that stopped (the reaper marks it) or replayed
 *             from the dead letters; absent on a first delivery
 */
record QueueItem(String id, String kind, String k, String p, String mid, String a, String n, String t,
                 List<InboundMessage.Media> m, int att, long at, String err, List<Reply> r,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean rd) {

    static final String MESSAGE = "message";
    static final String THROTTLED = "throttled";

    static QueueItem of(InboundMessage msg, String id, long now) {
        return new QueueItem(id, MESSAGE, key(msg.platform(), msg.shopperAddress()), msg.platform(),
                msg.platformMessageId(), msg.shopperAddress(), msg.name(), msg.text(),
                msg.media().isEmpty() ? null : msg.media(), 0, now, null, null, null);
    }

    static QueueItem throttled(InboundMessage msg, String id, long now) {
        return new QueueItem(id, THROTTLED, key(msg.platform(), msg.shopperAddress()), msg.platform(), null,
                msg.shopperAddress(), null, null, null, 0, now, null, null, null);
    }

    static String key(String platform, String address) {
        return platform + "|" + address;
    }

    InboundMessage message() {
        return new InboundMessage(p, mid, a, n, t, m);
    }

    /**
     * Whether an earlier attempt may have processed this item (a retry, a redelivery after a crash,
     * a replay). A first delivery was admitted once by the gateway's de-dup and needs no further check.
     */
    boolean deliveredBefore() {
        return att > 0 || Boolean.TRUE.equals(rd);
    }

    QueueItem failed(String error, List<Reply> undelivered) {
        return new QueueItem(id, kind, k, p, mid, a, n, t, m, att + 1, at, error, undelivered == null ? r : undelivered, rd);
    }

    /** Back on the queue from the dead letters: attempts start again, and it counts as delivered before. */
    QueueItem fresh() {
        return new QueueItem(id, kind, k, p, mid, a, n, t, m, 0, at, null, r, true);
    }
}
