package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Message;
import java.util.List;

/**
 * The seam between the pipeline and the conversation engine. A worker calls it with the
 * conversation locked (one message of a shopper at a time, in order), then sends the replies and
 * acknowledges the queue item. Throwing makes the worker retry with backoff, then dead-letter.
 * It records the inbound message with its platform message id (unique: the durable de-dup).
 */
public interface MessageProcessor {

    Outcome process(InboundMessage message, Conversation conversation);

    /**
     * Whether a message delivered again, and found recorded, was dealt with. By default a recorded
     * message is a processed one; a processor that records the message first and can die before
     * answering (the engine, waiting on a model) says no until it answered, and then takes the
     * recorded message up again in {@link #process}.
     */
    default boolean dealtWith(Message recorded) {
        return true;
    }

    /**
     * What a message came to: the replies to send, and the conversation as it stands afterwards
     * (the pipeline caches its state without reading it again).
     */
    record Outcome(List<Reply> replies, Conversation conversation) {

        public Outcome {
            replies = List.copyOf(replies);
        }

        /** Replies that left the conversation as it was. */
        public static Outcome replies(Conversation unchanged, List<Reply> replies) {
            return new Outcome(replies, unchanged);
        }
    }
}
