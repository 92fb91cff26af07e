package com.shopkeeper.conversation;

import java.time.Instant;

/**
 * One shopper's conversation with the shop: its machine state, the engine's working context
 * (JSON: the last shown results, the active product...) and a version for optimistic locking.
 */
public record Conversation(String id,
                           String userId,
                           String platform,
                           State state,
                           String context,
                           String activeProductId,
                           long version,
                           Instant createdAt,
                           Instant updatedAt) {

    public Conversation withState(State newState) {
        return new Conversation(id, userId, platform, newState, context, activeProductId, version, createdAt, updatedAt);
    }

    public Conversation withContext(String newContext) {
        return new Conversation(id, userId, platform, state, newContext, activeProductId, version, createdAt, updatedAt);
    }

    public Conversation withActiveProduct(String productId) {
        return new Conversation(id, userId, platform, state, context, productId, version, createdAt, updatedAt);
    }
}
