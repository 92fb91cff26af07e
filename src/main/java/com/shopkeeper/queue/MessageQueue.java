package com.shopkeeper.queue;

import com.shopkeeper.config.Ids;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Inbox;
import com.shopkeeper.shopper.Shopper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisListCommands;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reliable queue in Redis. {@code message_queue} is a LIST of JSON items (the gateway pushes on
 * the left, workers take from the right). Every other key the queue needs carries the hash tag
 * {@code {message_queue}}, so that all of them live in the queue's hash slot and each Lua script
 * stays within one slot on a Redis Cluster:
 * <ul>
 * <li>{@code {message_queue}:processing:<instance>} what an instance has taken and not yet finished;</li>
 * <li>{@code {message_queue}:locks} shopper key to the lock value (instance|fence) of whoever processes them;</li>
 * <li>{@code {message_queue}:pending:<shopper>} that shopper's later messages, waiting their turn;</li>
 * <li>{@code {message_queue}:delayed} failed items waiting for their retry (score: due time);</li>
 * <li>{@code {message_queue}:dead} items that failed every attempt; {@code :dropped} rate-limited ones;</li>
 * <li>{@code {message_queue}:instances} worker heartbeats, for the reaper.</li>
 * </ul>
 */
@Component
public class MessageQueue implements Inbox {

    static final String QUEUE = "message_queue";
    static final String PREFIX = "{message_queue}:";
    static final String LOCKS = PREFIX + "locks";
    static final String DELAYED = PREFIX + "delayed";
    static final String DEAD = PREFIX + "dead";
    static final String DROPPED = PREFIX + "dropped";
    static final String INSTANCES = PREFIX + "instances";
    static final String FENCE = PREFIX + "fence";

    private static final Logger log = LoggerFactory.getLogger(MessageQueue.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json = JsonMapper.builder().build();
    private final QueueProperties props;
    private final RateLimitProperties limits;
    private final Clock clock;
    private final boolean cluster;
    private final RedisConnectionFactory factory;

    private final RedisScript<Long> admit = script("admit", Long.class);
    private final RedisScript<Long> admitShopper = script("admit-shopper", Long.class);
    private final RedisScript<Long> enqueue = script("enqueue", Long.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> take = script("take", List.class);
    private final RedisScript<String> finish = script("finish", String.class);
    private final RedisScript<Long> retry = script("retry", Long.class);
    private final RedisScript<Long> promote = script("promote", Long.class);
    private final RedisScript<Long> reap = script("reap", Long.class);
    private final RedisScript<Long> replay = script("replay", Long.class);

    MessageQueue(StringRedisTemplate redis, RedisConnectionFactory factory, QueueProperties props,
                 RateLimitProperties limits, Clock clock) {
        this.redis = redis;
        this.props = props;
        this.limits = limits;
        this.clock = clock;
        this.factory = factory;
        this.cluster = factory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        // Read once into a string: a resource-backed script checks the file for changes on every
        // call (inside the jar, an open of the jar entry per webhook).
        try (var in = new ClassPathResource("queue/" + name + ".lua").getInputStream()) {
            return RedisScript.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the queue script " + name, e);
        }
    }

    // ---- gateway side -------------------------------------------------------------------------

    /** De-duplicates, rate-limits and enqueues in one round trip (two on a cluster). */
    @Override
    public Admission admit(InboundMessage message) {
        long nowMs = clock.millis();
        long nowS = nowMs / 1000;
        String item = json.writeValueAsString(QueueItem.of(message, Ids.next(), nowMs));
        String rateKey = rateLimitKey(message.shopperAddress());
        // Hash-tagged with the rate key so that both sit in one slot on a cluster.
        String seenKey = "seen:{" + rateKey + "}:" + message.platform() + ":" + message.platformMessageId();
        String globalKey = PREFIX + "global:" + nowS;
        long code;
        if (!cluster) {
            code = redis.execute(admit, List.of(seenKey, rateKey, globalKey, QUEUE), item,
                    Integer.toString(limits.perShopperPerHour()), Integer.toString(limits.globalPerSecond()),
                    Long.toString(nowS), Long.toString(props.dedupeTtl().toSeconds()));
        } else {
            code = redis.execute(admitShopper, List.of(seenKey, rateKey), Integer.toString(limits.perShopperPerHour()),
                    Long.toString(nowS), Long.toString(props.dedupeTtl().toSeconds()));
            if (code == 1) {
                try {
                    code = redis.execute(enqueue, List.of(globalKey, QUEUE), item, Integer.toString(limits.globalPerSecond()));
                } catch (RuntimeException e) {
                    // Not enqueued: forget we saw it, so that the platform's retry gets through.
                    redis.delete(seenKey);
                    throw e;
                }
            }
        }
        return switch ((int) code) {
            case 0 -> Admission.DUPLICATE;
            case 1 -> Admission.ENQUEUED;
            case 2 -> dropped(item, "shopper-limit", Admission.SHOPPER_LIMITED);
            case 3 -> {
                redis.opsForList().leftPush(QUEUE, json.writeValueAsString(QueueItem.throttled(message, Ids.next(), nowMs)));
                log.info("shopper {} on {} is over {} messages an hour; told once to slow down",
                        Shopper.mask(message.shopperAddress()), message.platform(), limits.perShopperPerHour());
                yield dropped(item, "shopper-limit", Admission.SHOPPER_LIMITED);
            }
            case 4 -> dropped(item, "global-limit", Admission.GLOBALLY_LIMITED);
            default -> throw new IllegalStateException("admit script answered " + code);
        };
    }

    /** {@code rate_limit:{phone_number}}, the specification's name. */
    static String rateLimitKey(String address) {
        return "rate_limit:" + address;
    }

    private Admission dropped(String item, String reason, Admission admission) {
        String entry = "{\"reason\":\"" + reason + "\",\"at\":" + clock.millis() + ",\"item\":" + item + "}";
        redis.opsForList().leftPush(DROPPED, entry);
        redis.opsForList().trim(DROPPED, 0, props.droppedKeep() - 1);
        return admission;
    }

    // ---- worker side --------------------------------------------------------------------------

    /** An item taken for processing, with the lock value that finishes it. */
    record Taken(String raw, QueueItem item, String lock) {
    }

    /** Takes the oldest item whose shopper is free; null when the queue is empty or the item was parked. */
    Taken take(String instance) {
        List<?> result = redis.execute(take, List.of(QUEUE, processing(instance), LOCKS, held(instance), FENCE), instance);
        if (result == null || result.size() < 2) {
            return null;
        }
        String raw = (String) result.get(0);
        return new Taken(raw, parse(raw), (String) result.get(1));
    }

    /** Whether the last take found the queue empty rather than parking an item. */
    boolean isEmpty() {
        Long size = redis.opsForList().size(QUEUE);
        return size == null || size == 0;
    }

    /**
     * A connection of its own for waiting: blocking commands must not hold up the shared one, and
     * one kept for the taker's life costs no connect per wait.
     */
    Waiter waiter() {
        return new Waiter(factory.getConnection());
    }

    static final class Waiter implements AutoCloseable {
        private static final byte[] KEY = QUEUE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        private final RedisConnection connection;

        private Waiter(RedisConnection connection) {
            this.connection = connection;
        }

        /** Blocks until the queue holds something or the timeout passes, without taking anything. */
        void awaitWork(Duration timeout) {
            // BLMOVE from the tail to the tail of the same list moves nothing: a wait without a take,
            // so that the take itself can stay one atomic script.
            connection.listCommands().bLMove(KEY, KEY, RedisListCommands.Direction.RIGHT, RedisListCommands.Direction.RIGHT,
                    timeout.toMillis() / 1000.0);
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Acknowledges; returns the shopper's next parked item (same lock) or null. */
    Taken ack(String instance, Taken taken) {
        return finish(instance, taken, "");
    }

    Taken deadLetter(String instance, Taken taken, QueueItem failed) {
        return finish(instance, taken, json.writeValueAsString(failed));
    }

    private Taken finish(String instance, Taken taken, String deadEntry) {
        String next = redis.execute(finish, List.of(processing(instance), LOCKS, held(instance), DEAD),
                taken.raw(), taken.item().k(), taken.lock(), deadEntry);
        return next == null ? null : new Taken(next, parse(next), taken.lock());
    }

    void retryLater(String instance, Taken taken, QueueItem failed, Duration delay) {
        redis.execute(retry, List.of(processing(instance), LOCKS, held(instance), DELAYED), taken.raw(),
                taken.item().k(), taken.lock(), json.writeValueAsString(failed), Long.toString(clock.millis() + delay.toMillis()));
    }

    long promoteDue() {
        return redis.execute(promote, List.of(DELAYED, QUEUE, LOCKS), Long.toString(clock.millis()));
    }

    void heartbeat(String instance) {
        redis.opsForZSet().add(INSTANCES, instance, clock.millis());
    }

    void leave(String instance) {
        redis.opsForZSet().remove(INSTANCES, instance);
    }

    /** Returns in-flight items of silent instances (never the caller) to the queue; how many. */
    long reapStale(String instance) {
        return redis.execute(reap, List.of(INSTANCES, QUEUE, LOCKS), Long.toString(clock.millis()),
                Long.toString(props.staleAfter().toMillis()), instance);
    }

    // ---- admin side ---------------------------------------------------------------------------

    long depth() {
        Long size = redis.opsForList().size(QUEUE);
        return size == null ? 0 : size;
    }

    Map<String, Long> stats() {
        var list = redis.opsForList();
        return Map.of("depth", depth(), "delayed", nz(redis.opsForZSet().zCard(DELAYED)),
                "dead", nz(list.size(DEAD)), "dropped", nz(list.size(DROPPED)),
                "workers", nz(redis.opsForZSet().zCard(INSTANCES)));
    }

    List<QueueItem> deadLetters(int limit) {
        List<String> raw = redis.opsForList().range(DEAD, 0, limit - 1);
        return raw == null ? List.of() : raw.stream().map(this::parse).toList();
    }

    List<String> droppedEntries(int limit) {
        List<String> raw = redis.opsForList().range(DROPPED, 0, limit - 1);
        return raw == null ? List.of() : raw;
    }

    /** Puts dead letters (all, or the one with this id) back on the queue; how many. */
    int replayDead(String id) {
        List<String> raw = redis.opsForList().range(DEAD, 0, -1);
        int replayed = 0;
        for (String entry : raw == null ? List.<String>of() : raw) {
            QueueItem item = parse(entry);
            if (id == null || id.equals(item.id())) {
                Long moved = redis.execute(replay, List.of(DEAD, QUEUE), entry, json.writeValueAsString(item.fresh()));
                replayed += moved == null ? 0 : moved.intValue();
            }
        }
        return replayed;
    }

    private QueueItem parse(String raw) {
        return json.readValue(raw, QueueItem.class);
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }

    static String processing(String instance) {
        return PREFIX + "processing:" + instance;
    }

    static String held(String instance) {
        return PREFIX + "held:" + instance;
    }
}
