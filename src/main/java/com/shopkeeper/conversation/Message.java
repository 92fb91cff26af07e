package com.shopkeeper.conversation;

import java.time.Instant;

/** One message in a conversation, from the shopper (USER) or the bot (ASSISTANT). */
public record Message(String id, String conversationId, Role role, String content, String platformMessageId,
                      Instant timestamp) {

    public enum Role {
        USER("user"), ASSISTANT("assistant");

        private final String column;

        Role(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }

        static Role of(String column) {
            return column.equals("user") ? USER : ASSISTANT;
        }
    }
}
