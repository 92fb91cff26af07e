package com.shopkeeper.llm;

import java.util.regex.Pattern;

/**
 * What the bot says in its own words that the shopper's next message may answer or take back, shared by the engine
 * that says it and the offline understanding that reads the next message against it: "2" after "How many would you
 * like?" is a count, "both" after "Which one do you mean?" is each choice, "undo" after "Added 2 × *Mug*" takes the
 * two back. One place, so that rewording a reply cannot silently stop what answers it being understood.
 */
public final class BotWords {

    /** Before a numbered list of the products a reference fits ("1. *Name* – $price"). */
    public static final String WHICH_ONE = "Which one do you mean?";
    /** After a product that is sold out: a yes is a search for its kind. */
    public static final String SIMILAR = "Shall I find something similar?";
    /** The start of the reply to an add: how many of which product. */
    public static final Pattern ADDED = Pattern.compile("^Added (\\d{1,3}+) × \\*([^*\\n]{1,300}+)\\* to your cart\\.");
    /** The start of the reply to a remove that took a whole line out. */
    public static final Pattern REMOVED = Pattern.compile("^Removed \\*([^*\\n]{1,300}+)\\*\\.");

    /** The start of the reply to a count set, or to a remove that left some: the line's count now. */
    public static final Pattern NOW = Pattern.compile("^Now (\\d{1,3}+) × \\*([^*\\n]{1,300}+)\\* in your cart\\.");

    private BotWords() {
    }

    /** "Added 2 × *Nova Foam Yoga Block* to your cart." ({@link #ADDED} reads it back). */
    public static String added(int quantity, String name) {
        return "Added " + quantity + " × *" + name + "* to your cart.";
    }

    /** "Now 3 × *Nova Foam Yoga Block* in your cart." ({@link #NOW} reads it back). */
    public static String now(int quantity, String name) {
        return "Now " + quantity + " × *" + name + "* in your cart.";
    }

    /** "Removed *Nova Foam Yoga Block*." ({@link #REMOVED} reads it back). */
    public static String removed(String name) {
        return "Removed *" + name + "*.";
    }
}
