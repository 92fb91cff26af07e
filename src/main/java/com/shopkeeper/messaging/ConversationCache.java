package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code conversation:{id}}: a HASH of user_id, state and last_updated (epoch ms) with a 24 h TTL
 * renewed on every message. The database stays the source of truth; this is what a dashboard or
 * another instance reads without touching it.
 */
@Component
public class ConversationCache {

    static final Duration TTL = Duration.ofHours(24);

    private final StringRedisTemplate redis;
    private final Clock clock;

    ConversationCache(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    static String key(String conversationId) {
        return "conversation:" + conversationId;
    }

    public void put(Conversation c) {
        String key = key(c.id());
        redis.opsForHash().putAll(key, Map.of("user_id", c.userId(), "state", c.state().name(),
                "last_updated", Long.toString(clock.millis())));
        redis.expire(key, TTL);
    }

    public Optional<Map<Object, Object>> find(String conversationId) {
        Map<Object, Object> fields = redis.opsForHash().entries(key(conversationId));
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
    }
}
