package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import java.util.List;

/**
 * The seam between the pipeline and the conversation engine. A worker calls it with the
 * conversation locked (one message of a shopper at a time, in order), then sends the replies and
 * acknowledges the queue item. Throwing makes the worker retry with backoff, then dead-letter.
 * It records the inbound message with its platform message id (unique: the durable de-dup).
 */
public interface MessageProcessor {

    List<Reply> process(InboundMessage message, Conversation conversation);
}
