package com.shopkeeper.llm;

/**
 * The questions the bot asks in its own words, shared by the engine that asks them and the offline understanding that
 * reads the shopper's next message as the answer ("2" after "How many would you like?" is a count, "both" after "Which
 * one do you mean?" is each of the choices). One place, so that rewording a question cannot silently stop its answers
 * being understood.
 */
public final class BotQuestions {

    /** Before a numbered list of the products a reference fits ("1. *Name* – $price"). */
    public static final String WHICH_ONE = "Which one do you mean?";
    /** After a product that is sold out: a yes is a search for its kind. */
    public static final String SIMILAR = "Shall I find something similar?";

    private BotQuestions() {
    }
}
