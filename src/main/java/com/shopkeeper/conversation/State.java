package com.shopkeeper.conversation;

import java.util.Arrays;
import java.util.List;

/**
 * Where a conversation stands: the design card's states, and HANDOFF (issue 16), where a person from
 * the shop has the conversation and the bot stays quiet until it is handed back to the state it
 * came from.
 */
public enum State {
    BROWSING, PRODUCT_FOCUS, CART, CHECKOUT, AWAITING_PAYMENT, HANDOFF;

    public static final State INITIAL = BROWSING;

    /** The states the bot talks in: every one but HANDOFF. */
    public static List<State> botStates() {
        return Arrays.stream(values()).filter(s -> s != HANDOFF).toList();
    }
}
