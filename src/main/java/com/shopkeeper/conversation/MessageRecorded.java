package com.shopkeeper.conversation;

import java.time.Instant;

/**
 * A shopper's message was recorded (published inside the writing transaction). It carries no text:
 * whoever shows it reads it back through the API, as an admin allowed to.
 */
public record MessageRecorded(String conversationId, String messageId, Instant at) {
}
