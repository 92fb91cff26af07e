package com.shopkeeper.cart;

import java.time.Instant;

/** A line in a conversation's cart. Prices are not kept here: they are read from the catalog when needed. */
public record CartItem(String id, String conversationId, String productId, int quantity, Instant addedAt) {
}
