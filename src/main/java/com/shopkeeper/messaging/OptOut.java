package com.shopkeeper.messaging;

import java.util.Locale;
import java.util.Set;

/**
 * The keywords by which a shopper stops and restarts all messages (WhatsApp and SMS conventions).
 * A bare CANCEL is one of the carriers' stop words, but in a shop it as often means "cancel my
 * order": it is asked about ({@link #ASK}) rather than taken as a stop.
 */
enum OptOut {
    STOP, START, ASK, NONE;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "SUBSCRIBE");

    static OptOut of(String text) {
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return STOP;
        }
        if (word.equals("CANCEL")) {
            return ASK;
        }
        return START_WORDS.contains(word) ? START : NONE;
    }
}
