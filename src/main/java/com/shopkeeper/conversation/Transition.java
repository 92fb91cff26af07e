package com.shopkeeper.conversation;

import java.time.Instant;

/**
 * One step of a conversation's machine, in order ({@code seq} from 1). A refused call keeps the
 * state ({@code to == from}) and says why.
 */
public record Transition(String id, String conversationId, int seq, State from, String event, State to,
                         Outcome outcome, String reason, String messageId, Instant at) {

    public enum Outcome { APPLIED, REFUSED }
}
