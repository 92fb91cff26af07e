package com.shopkeeper.conversation;

/** A shopper's first message opened a conversation, in {@link State#INITIAL} (published inside the writing transaction). */
public record ConversationStarted(Conversation conversation) {
}
