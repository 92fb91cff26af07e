package com.shopkeeper.engine;

import com.shopkeeper.cart.Cart;
import com.shopkeeper.conversation.Conversation;

/** Where a call finds the conversation: its row, the engine's memory of it, and its cart as read for this step. */
record Situation(Conversation conversation, EngineContext ctx, Cart cart) {

    String id() {
        return conversation.id();
    }

    String activeProductId() {
        return conversation.activeProductId();
    }
}
