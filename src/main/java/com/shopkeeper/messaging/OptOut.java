package com.shopkeeper.messaging;

import java.util.Locale;
import java.util.Set;

/** The keywords by which a shopper stops and restarts all messages (WhatsApp and SMS conventions). */
enum OptOut {
    STOP, START, NONE;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "SUBSCRIBE");

    static OptOut of(String text) {
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return STOP;
        }
        return START_WORDS.contains(word) ? START : NONE;
    }
}
