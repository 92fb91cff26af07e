package com.shopkeeper.conversation;

import java.util.List;

/**
 * What became of one inbound message: the unit of "exactly once". A message delivered again
 * resumes its turn where it stopped; steps already applied are never applied again, and only
 * replies not yet sent are sent.
 *
 * @param messageId      the shopper's recorded message (its platform message id is unique)
 * @param conversationId the conversation it belongs to
 * @param kind           who answers it: the processor, or the opt-out keywords
 * @param status         how far it got
 * @param plan           what the model proposed, once it did (opaque to everyone but the processor)
 * @param stepsDone      how many of the turn's steps are applied
 */
public record Turn(String messageId, String conversationId, Kind kind, Status status, String plan, int stepsDone) {

    public enum Kind {
        /** An ordinary message, for the processor (the conversation engine). */
        MESSAGE,
        /** STOP and its like: opted out on receipt; the one confirmation goes even so. */
        STOP,
        /** START and its like: opted in again on receipt. */
        START,
        /** A bare CANCEL: asked whether they meant to stop all messages, nothing changed. */
        ASK_STOP,
        /** A message from a shopper who opted out: recorded, never answered. */
        IGNORED,
        /**
         * A message of a burst after its first: answered by the first's turn, with the texts of all of
         * them; SENT from the start with no replies of its own ({@link TurnRepository#merge}).
         */
        MERGED
    }

    public enum Status {
        RECEIVED, ANSWERED, SENT
    }

    /**
     * A reply of a turn: recorded (with an id) or about to be (id null); {@code choices} what it
     * offers to tap (null: nothing).
     */
    public record Reply(String id, String text, List<String> media, Choices choices) {
        public Reply {
            media = media == null ? List.of() : List.copyOf(media);
        }

        public static Reply of(String text, List<String> media) {
            return new Reply(null, text, media, null);
        }

        public static Reply of(String text, List<String> media, Choices choices) {
            return new Reply(null, text, media, choices);
        }
    }

    /** The turn after its step {@code index} was applied. */
    Turn afterStep(int index, String planOfTurn, boolean last) {
        return new Turn(messageId, conversationId, kind, last ? Status.ANSWERED : status, planOfTurn, index + 1);
    }
}
