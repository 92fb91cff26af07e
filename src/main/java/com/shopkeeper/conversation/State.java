package com.shopkeeper.conversation;

/** Where a conversation stands (the design card's states). */
public enum State {
    BROWSING, PRODUCT_FOCUS, CART, CHECKOUT, AWAITING_PAYMENT;

    public static final State INITIAL = BROWSING;
}
