package com.shopkeeper.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Every column that holds personal or payment data. The name is bound into the ciphertext as
 * associated data, so a value copied from one column to another no longer decrypts.
 * Deterministic fields can still be looked up by equality (same plaintext, same ciphertext).
 */
public enum SensitiveField {
    SHOPPER_PHONE(true),
    SHOPPER_NAME(false),
    MESSAGE_CONTENT(false),
    SEARCH_QUERY(false),
    PAYMENT_ID(true),
    PAYMENT_LINK(false),
    /** A queued message's sender, name, text and media, while it waits in Redis. */
    QUEUE_MESSAGE(false),
    /** What the model proposed for a turn, kept until the turn is done (it quotes the shopper). */
    TURN_PLAN(false);

    private final boolean deterministic;

    SensitiveField(boolean deterministic) {
        this.deterministic = deterministic;
    }

    boolean deterministic() {
        return deterministic;
    }

    byte[] associatedData() {
        return name().getBytes(StandardCharsets.UTF_8);
    }
}
