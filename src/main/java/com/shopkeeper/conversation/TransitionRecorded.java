package com.shopkeeper.conversation;

/** A step was written to the transition log (published inside the writing transaction). */
public record TransitionRecorded(Transition transition) {
}
