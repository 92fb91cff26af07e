package com.shopkeeper.conversation;

/**
 * A step of a turn was applied by someone else meanwhile (a redelivered copy of the message ran
 * while this one was presumed dead): the caller's transaction rolls back, and the retry resumes
 * the turn from what the ledger says.
 */
public class TurnStepTakenException extends RuntimeException {

    public TurnStepTakenException(String messageId, int step) {
        super("step " + step + " of the turn of message " + messageId + " was applied elsewhere", null, false, false);
    }
}
