package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Turn;

/**
 * The seam between the pipeline and the conversation engine. A worker calls it with the
 * conversation locked (one message of a shopper at a time, in order); the {@link InboundHandler}
 * has recorded the message and opened its turn, and sends the replies afterwards.
 */
public interface MessageProcessor {

    /**
     * Carries a RECEIVED turn to ANSWERED: applies its steps from {@link Turn#stepsDone()} on, each
     * counted in the ledger ({@code TurnRepository.step}) in the transaction that applies it, with
     * its replies; the last one marked last. Called again with the same turn after a failure or a
     * crash, it carries on from what the ledger says and never applies a step twice. Throwing makes
     * the worker retry with backoff, then dead-letter.
     *
     * @return the conversation as it stands afterwards (the pipeline caches its state without reading it again)
     */
    Conversation process(Turn turn, InboundMessage message, Conversation conversation);
}
