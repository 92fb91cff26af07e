package com.shopkeeper.messaging;

import com.shopkeeper.conversation.Conversation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * {@code conversation:{id}}: a HASH of user_id, state and last_updated (epoch ms) with a 24 h TTL
 * renewed on every message. The database stays the source of truth; this is what a dashboard or
 * another instance reads without touching it.
 */
@Component
public class ConversationCache {

    static final Duration TTL = Duration.ofHours(24);

    private static final RedisScript<Long> PUT = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'user_id', ARGV[1], 'state', ARGV[2], 'last_updated', ARGV[3])
            return redis.call('PEXPIRE', KEYS[1], ARGV[4])
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    ConversationCache(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    static String key(String conversationId) {
        return "conversation:" + conversationId;
    }

    /** Writes the fields and renews the TTL in one round trip (a script on one key: fine on a cluster too). */
    public void put(Conversation c) {
        redis.execute(PUT, List.of(key(c.id())), c.userId(), c.state().name(), Long.toString(clock.millis()),
                Long.toString(TTL.toMillis()));
    }

    public Optional<Map<Object, Object>> find(String conversationId) {
        Map<Object, Object> fields = redis.opsForHash().entries(key(conversationId));
        return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
    }
}
