package com.shopkeeper.queue;

import com.shopkeeper.config.Ids;
import com.shopkeeper.engine.EngineProperties;
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
 * <li>{@code {message_queue}:gathering} messages waiting for their shopper's burst to close (score: due time);</li>
 * <li>{@code {message_queue}:dead} items that failed every attempt; {@code :dropped} rate-limited ones;</li>
 * <li>{@code {message_queue}:instances} worker heartbeats, for the reaper;</li>
 * <li>{@code {message_queue}:holders} instances that took something, so that what an instance holds
 * is found even after it stopped being registered;</li>
 * <li>{@code {message_queue}:reaper-watch} present while reapers run, so that heartbeats are judged
 * only when someone was watching them.</li>
 * </ul>
 * Times the scripts compare (heartbeats, staleness, retry due times) are Redis's own ({@code TIME}),
 * never an instance's clock. Shoppers appear only as keyed hashes, and what they wrote only sealed
 * ({@link QueueSeal}).
 *
 * <p><b>Bursts</b> ({@code shopkeeper.engine.burst-window}): a shopper who writes "hi", "do you have
 * backpacks", "under 100" within a second or two is answered once. No thread waits for that. A message
 * taken while younger than the window is put aside in {@code :gathering}, due when its window closes
 * (by its receipt), with its shopper locked as for a retry (lock value {@code gather}); what the
 * shopper writes meanwhile parks behind it, as behind any busy turn. When it is due, any instance's
 * take hands it out with the parked messages that continue it (each within the window of the one
 * before), as one {@link Taken}: all of them in the processing list under one lock, acknowledged,
 * retried, dead-lettered and handed back together. While the shopper keeps writing the burst is put
 * aside again, until its latest message is a window old, {@code burst-messages} are in, or four
 * windows have passed since its first. A message older than the window when taken (the queue was
 * behind, a retry, a hand-back) is not held, and one parked behind a turn is held only for what is
 * left of its own window. Nothing of an instance holds a gathering burst, so an instance that dies
 * meanwhile loses nothing; one that dies holding a burst hands it back as it came (reap.lua). With
 * the window {@code 0} the scripts take the paths they took before bursts.
 *
 * <p><b>Shards</b> ({@code shopkeeper.queue.shards}, default 1): every key above belongs to one shard
 * ({@link Shard}): with one shard, the keys named above; with more, each shard has the same keys
 * under a hash tag of its own, so that a Redis Cluster spreads the shards over its nodes. A shopper
 * always lands in the same shard, so their order, lock, retries and bursts stay in one place and
 * every script stays in one slot, exactly as with one shard. Each shard has its own registry of
 * instances and its own reaper watch (heartbeats go to every shard), so a shard's node restarting is
 * judged on its own. Workers take from every shard (each taker waits on one, looks at all). The limits
 * that count the whole queue are shared out: each shard holds at most its share of
 * {@code max-depth}; on a cluster the global per-second limit is counted per shard too, each shard
 * allowing its share (standalone Redis counts it once). Only the dropped list and the shoppers' own
 * keys ({@code seen:}, {@code rate_limit:}) are outside the shards. Change the number of shards only
 * with the queue drained: what waits in a shard that is no longer configured is not taken.
 */
@Component
public class MessageQueue implements Inbox {

    /** The one shard of a queue that is not sharded: the specification's key names, which tests read. */
    private static final Shard ONE = Shard.all(1).getFirst();
    static final String QUEUE = ONE.queue();
    static final String PREFIX = ONE.prefix();
    static final String LOCKS = ONE.locks();
    static final String GATHERING = ONE.gathering();
    static final String DEAD = ONE.dead();
    static final String INSTANCES = ONE.instances();
    /** Outside the shards: read by people, not by the scripts. */
    static final String DROPPED = PREFIX + "dropped";

    private static final Logger log = LoggerFactory.getLogger(MessageQueue.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json = JsonMapper.builder().build();
    private final QueueProperties props;
    private final RateLimitProperties limits;
    private final QueueSeal seal;
    private final Clock clock;
    /** The burst window, the most messages and the longest of a burst (ms), as the scripts take them. */
    private final String burstWindow;
    private final String burstMessages;
    private final String burstLongest;
    private final boolean cluster;
    private final RedisConnectionFactory factory;
    private final List<Shard> shards;
    /** Each shard's share of max-depth, and (on a cluster) of the global per-second limit. */
    private final String depthShare;
    private final String globalShare;

    private final RedisScript<Long> admit = script("admit", Long.class);
    private final RedisScript<Long> admitShopper = script("admit-shopper", Long.class);
    private final RedisScript<Long> enqueue = script("enqueue", Long.class);
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> take = script("take", List.class, "burst");
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> finish = script("finish", List.class, "burst");
    private final RedisScript<Long> due = script("due", Long.class);
    private final RedisScript<Long> retry = script("retry", Long.class);
    private final RedisScript<Long> promote = script("promote", Long.class);
    private final RedisScript<Long> beat = script("beat", Long.class);
    private final RedisScript<Long> reap = script("reap", Long.class);
    private final RedisScript<Long> replay = script("replay", Long.class);
    private final RedisScript<Long> trim = script("trim", Long.class);

    MessageQueue(StringRedisTemplate redis, RedisConnectionFactory factory, QueueProperties props,
                 RateLimitProperties limits, EngineProperties engine, QueueSeal seal, Clock clock) {
        this.redis = redis;
        this.props = props;
        this.limits = limits;
        this.seal = seal;
        this.clock = clock;
        // A burst of at most one message is no burst: nothing to wait for.
        boolean bursts = !engine.burstWindow().isZero() && engine.burstMessages() > 1;
        this.burstWindow = bursts ? Long.toString(engine.burstWindow().toMillis()) : "0";
        this.burstMessages = Integer.toString(engine.burstMessages());
        this.burstLongest = Long.toString(engine.burstLongest().toMillis());
        this.factory = factory;
        this.cluster = factory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
        this.shards = Shard.all(props.shards());
        this.depthShare = Integer.toString(share(props.maxDepth()));
        this.globalShare = Integer.toString(cluster ? share(limits.globalPerSecond()) : limits.globalPerSecond());
    }

    private int share(int whole) {
        return Math.max(1, (whole + shards.size() - 1) / shards.size());
    }

    /** The queue's shards, in order. */
    List<Shard> shards() {
        return shards;
    }

    private Shard shardOf(String shopperKey) {
        return Shard.of(shopperKey, shards);
    }

    /** The script {@code name}, after the shared functions of {@code preludes} (Lua has no include). */
    private static <T> RedisScript<T> script(String name, Class<T> type, String... preludes) {
        StringBuilder text = new StringBuilder();
        for (String part : preludes) {
            text.append(read(part));
        }
        return RedisScript.of(text.append(read(name)).toString(), type);
    }

    private static String read(String name) {
        // Read once into a string: a resource-backed script checks the file for changes on every
        // call (inside the jar, an open of the jar entry per webhook).
        try (var in = new ClassPathResource("queue/" + name + ".lua").getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the queue script " + name, e);
        }
    }

    // ---- gateway side -------------------------------------------------------------------------

    /**
     * Back-pressure, the global limit, de-duplication, the shopper's limit and the enqueue in one
     * round trip (two on a cluster). A message refused for being busy leaves nothing behind, not
     * even its id, so that the platform's retry of it is taken later.
     */
    @Override
    public Admission admit(InboundMessage message) {
        long nowMs = clock.millis();
        long nowS = nowMs / 1000;
        String sealed = seal.seal(message);
        String shopperKey = seal.shopperKey(message.platform(), message.shopperAddress());
        String item = json.writeValueAsString(QueueItem.message(Ids.next(), shopperKey, message.platform(),
                message.platformMessageId(), sealed, nowMs));
        String rateKey = seal.rateLimitKey(message.shopperAddress());
        // Hash-tagged with the rate key so that both sit in one slot on a cluster.
        String seenKey = "seen:{" + rateKey + "}:" + message.platform() + ":" + message.platformMessageId();
        Shard shard = shardOf(shopperKey);
        long code;
        if (!cluster) {
            code = redis.execute(admit, List.of(seenKey, rateKey, PREFIX + "global:" + nowS, shard.queue()), item,
                    Integer.toString(limits.perShopperPerHour()), globalShare,
                    Long.toString(nowS), Long.toString(props.dedupeTtl().toSeconds()), depthShare);
        } else {
            code = redis.execute(admitShopper, List.of(seenKey, rateKey), Integer.toString(limits.perShopperPerHour()),
                    Long.toString(nowS), Long.toString(props.dedupeTtl().toSeconds()));
            if (code == 1) {
                try {
                    code = redis.execute(enqueue, List.of(shard.global(nowS), shard.queue()), item, globalShare, depthShare);
                } catch (RuntimeException e) {
                    forget(seenKey, rateKey);
                    throw e;
                }
                if (code != 1) {
                    forget(seenKey, rateKey);
                }
            }
        }
        return switch ((int) code) {
            case 0 -> Admission.DUPLICATE;
            case 1 -> Admission.ENQUEUED;
            case 2 -> dropped(message, item, "shopper-limit", Admission.SHOPPER_LIMITED);
            case 3 -> {
                redis.opsForList().leftPush(shard.queue(), json.writeValueAsString(
                        QueueItem.throttled(Ids.next(), shopperKey, message.platform(), sealed, nowMs)));
                log.info("shopper {} on {} is over {} messages an hour; told once to slow down",
                        Shopper.mask(message.shopperAddress()), message.platform(), limits.perShopperPerHour());
                yield dropped(message, item, "shopper-limit", Admission.SHOPPER_LIMITED);
            }
            case 4 -> Admission.GLOBALLY_LIMITED;
            case 5 -> Admission.QUEUE_FULL;
            default -> throw new IllegalStateException("admit script answered " + code);
        };
    }

    /** Not enqueued after all (cluster): forget the id and the count, so that the platform's retry gets through. */
    private void forget(String seenKey, String rateKey) {
        redis.delete(seenKey);
        redis.opsForHash().increment(rateKey, "count", -1);
    }

    @Override
    public Duration retryAfter() {
        return props.retryAfter();
    }

    private Admission dropped(InboundMessage message, String item, String reason, Admission admission) {
        String entry = "{\"reason\":\"" + reason + "\",\"at\":" + clock.millis() + ",\"item\":" + item + "}";
        redis.opsForList().leftPush(DROPPED, entry);
        redis.opsForList().trim(DROPPED, 0, props.droppedKeep() - 1);
        return admission;
    }

    // ---- worker side --------------------------------------------------------------------------

    /**
     * Items taken for processing together, with the lock value that finishes them: one item, or a
     * burst of one shopper's messages in the order they were received.
     */
    record Taken(List<String> raws, List<QueueItem> items, String lock) {
        Taken {
            raws = List.copyOf(raws);
            items = List.copyOf(items);
        }

        /** The first item (the only one, unless this is a burst). */
        String raw() {
            return raws.getFirst();
        }

        QueueItem item() {
            return items.getFirst();
        }
    }

    private Taken taken(List<String> raws, String lock) {
        return new Taken(raws, raws.stream().map(this::parse).toList(), lock);
    }

    /**
     * What one look at the shards found: items taken, or none, and then whether every shard was
     * empty ({@code idle}) or an item was parked or put aside to gather a burst (look again at once).
     */
    record Attempt(Taken taken, boolean idle) {
    }

    /**
     * Takes the oldest item whose shopper is free, or a burst whose window closed, from the first
     * shard that has one, looking at the shards in order from {@code from} (a taker moves its start
     * on, so that no shard waits behind a busy one).
     */
    Attempt take(String instance, int from) {
        boolean idle = true;
        for (int i = 0; i < shards.size(); i++) {
            Shard shard = shards.get(Math.floorMod(from + i, shards.size()));
            List<?> result = redis.execute(take, List.of(shard.queue(), shard.processing(instance), shard.locks(),
                    shard.held(instance), shard.fence(), shard.holders(), shard.gathering(), shard.pending()),
                    instance, burstWindow, burstMessages, burstLongest);
            if (result != null && result.size() >= 2) {
                return new Attempt(taken(result), false);
            }
            // Lua's false (an empty shard) may come back as no list or as a list of one null.
            idle &= result == null || result.isEmpty() || !"deferred".equals(result.getFirst());
        }
        return new Attempt(null, idle);
    }

    /** {@link #take(String, int)} from the first shard; null when nothing was taken. */
    Taken take(String instance) {
        return take(instance, 0).taken();
    }

    private Taken taken(List<?> result) {
        List<String> raws = new java.util.ArrayList<>(result.size() - 1);
        raws.add((String) result.get(0));
        for (int i = 2; i < result.size(); i++) {
            raws.add((String) result.get(i));
        }
        return taken(raws, (String) result.get(1));
    }

    /** How bursts are taken, for the log. */
    String bursts() {
        return "0".equals(burstWindow) ? "bursts off"
                : "bursts within " + burstWindow + " ms, at most " + burstMessages + " messages or " + burstLongest + " ms";
    }

    /**
     * How long an idle taker waiting on {@code shard} may wait before it looks again: a second, or
     * until the shard's first gathering burst is due (zero: due now).
     */
    Duration idleWait(Shard shard) {
        Duration most = Duration.ofSeconds(1);
        if ("0".equals(burstWindow)) {
            return most;
        }
        Long ms = redis.execute(due, List.of(shard.gathering()));
        return ms == null || ms < 0 ? most : Duration.ofMillis(Math.min(ms, most.toMillis()));
    }

    /** {@link #idleWait(Shard)} of the first shard. */
    Duration idleWait() {
        return idleWait(shards.getFirst());
    }

    /**
     * A connection of its own for waiting: blocking commands must not hold up the shared one, and
     * one kept for the taker's life costs no connect per wait.
     */
    Waiter waiter() {
        return new Waiter(factory.getConnection());
    }

    static final class Waiter implements AutoCloseable {
        private final RedisConnection connection;

        private Waiter(RedisConnection connection) {
            this.connection = connection;
        }

        /** Blocks until the shard's list holds something or the timeout passes, without taking anything. */
        void awaitWork(Shard shard, Duration timeout) {
            byte[] key = shard.queue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // BLMOVE from the tail to the tail of the same list moves nothing: a wait without a take,
            // so that the take itself can stay one atomic script.
            connection.listCommands().bLMove(key, key, RedisListCommands.Direction.RIGHT, RedisListCommands.Direction.RIGHT,
                    timeout.toMillis() / 1000.0);
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Acknowledges; returns the shopper's next parked item, or burst (same lock), or null. */
    Taken ack(String instance, Taken taken) {
        return finish(instance, taken, java.util.Collections.nCopies(taken.raws().size(), ""));
    }

    /** Dead-letters what was taken (every item of a burst, with the first's failure). */
    Taken deadLetter(String instance, Taken taken, QueueItem failed) {
        long now = clock.millis();
        List<String> entries = new java.util.ArrayList<>();
        entries.add(json.writeValueAsString(failed.dead(now)));
        taken.items().stream().skip(1).forEach(i -> entries.add(json.writeValueAsString(i.failed(failed.err()).dead(now))));
        return finish(instance, taken, entries);
    }

    private Taken finish(String instance, Taken taken, List<String> deadEntries) {
        List<String> args = new java.util.ArrayList<>(List.of(taken.item().k(), taken.lock(), burstWindow, burstMessages,
                burstLongest, Integer.toString(taken.raws().size())));
        args.addAll(taken.raws());
        args.addAll(deadEntries);
        Shard shard = shardOf(taken.item().k());
        List<?> next = redis.execute(finish, List.of(shard.processing(instance), shard.locks(), shard.held(instance),
                shard.dead(), shard.gathering(), shard.pending()), args.toArray());
        // Lua's false comes back as a nil reply: no list, or (for a list script) a list of one null.
        return next == null || next.isEmpty() || next.getFirst() == null ? null
                : taken(next.stream().map(String.class::cast).toList(), taken.lock());
    }

    /**
     * Schedules a retry of the first item (a burst's others wait in front of the shopper's parked
     * messages and come with it again); false when the items were no longer this instance's
     * (handed back meanwhile).
     */
    boolean retryLater(String instance, Taken taken, QueueItem failed, Duration delay) {
        List<String> args = new java.util.ArrayList<>(List.of(taken.item().k(), taken.lock(), json.writeValueAsString(failed),
                Long.toString(delay.toMillis()), Integer.toString(taken.raws().size())));
        args.addAll(taken.raws());
        Shard shard = shardOf(taken.item().k());
        Long scheduled = redis.execute(retry, List.of(shard.processing(instance), shard.locks(), shard.held(instance),
                shard.delayed(), shard.pending()), args.toArray());
        return scheduled != null && scheduled == 1;
    }

    long promoteDue() {
        return sum(shard -> redis.execute(promote, List.of(shard.delayed(), shard.queue(), shard.locks())));
    }

    /** Says the instance is alive, to every shard's registry. */
    void heartbeat(String instance) {
        shards.forEach(shard -> redis.execute(beat, List.of(shard.instances()), instance));
    }

    private long sum(java.util.function.ToLongFunction<Shard> perShard) {
        long total = 0;
        for (Shard shard : shards) {
            total += perShard.applyAsLong(shard);
        }
        return total;
    }

    /**
     * Deregisters the instance and hands back, in one step, everything it still holds: its in-flight
     * items go back to the queue and its shoppers' locks are released. How many items went back.
     */
    long leave(String instance) {
        return sum(shard -> redis.execute(reap, reapKeys(shard), "leave", instance, "0"));
    }

    private static List<String> reapKeys(Shard shard) {
        return List.of(shard.instances(), shard.queue(), shard.locks(), shard.holders(), shard.reaperWatch(), shard.prefix());
    }

    /**
     * Hands back what instances that stopped heart-beating hold, and what any instance holds that
     * is no longer registered (never the caller's own); how many items went back. Silence counts
     * only while reapers watch: after a gap with no reaper (Redis away past the stale time), every
     * instance gets a fresh allowance rather than the first one back reaping the others.
     */
    long reapStale(String instance) {
        String stale = Long.toString(props.staleAfter().toMillis());
        return sum(shard -> redis.execute(reap, reapKeys(shard), "reap", instance, stale));
    }

    /** Forgets dead letters and dropped messages past their retention; how many. */
    long trimExpired() {
        long now = clock.millis();
        String deadBefore = Long.toString(now - props.deadRetention().toMillis());
        return sum(shard -> redis.execute(trim, List.of(shard.dead()), "fin", deadBefore, "1000"))
                + redis.execute(trim, List.of(DROPPED), "at", Long.toString(now - props.droppedRetention().toMillis()), "1000");
    }

    /** The message an item carries, opened. */
    InboundMessage message(QueueItem item) {
        return seal.open(item);
    }

    // ---- admin side ---------------------------------------------------------------------------

    /** What waits to be taken, in every shard. */
    long depth() {
        return sum(shard -> nz(redis.opsForList().size(shard.queue())));
    }

    Map<String, Long> stats() {
        var list = redis.opsForList();
        var sets = redis.opsForZSet();
        return Map.of("depth", depth(), "max_depth", (long) props.maxDepth(), "shards", (long) shards.size(),
                "delayed", sum(shard -> nz(sets.zCard(shard.delayed()))),
                "gathering", sum(shard -> nz(sets.zCard(shard.gathering()))),
                "dead", sum(shard -> nz(list.size(shard.dead()))), "dropped", nz(list.size(DROPPED)),
                // Every instance beats in every shard; the first shard's registry names them all.
                "workers", nz(sets.zCard(shards.getFirst().instances())));
    }

    /** A dead letter, opened. */
    record Dead(QueueItem item, InboundMessage message) {
    }

    /** The latest dead letters of every shard, newest first. */
    List<Dead> deadLetters(int limit) {
        return shards.stream().flatMap(shard -> {
            List<String> raw = redis.opsForList().range(shard.dead(), 0, limit - 1);
            return raw == null ? java.util.stream.Stream.<String>empty() : raw.stream();
        }).map(this::parse).sorted(java.util.Comparator.comparingLong((QueueItem i) -> i.fin() == null ? 0L : i.fin()).reversed()).limit(limit)
                .map(i -> new Dead(i, seal.open(i))).toList();
    }

    /** A message dropped by a rate limit, opened. */
    record Dropped(String reason, long at, QueueItem item, InboundMessage message) {
    }

    List<Dropped> droppedEntries(int limit) {
        List<String> raw = redis.opsForList().range(DROPPED, 0, limit - 1);
        return raw == null ? List.of() : raw.stream().map(entry -> {
            var node = json.readTree(entry);
            QueueItem item = json.treeToValue(node.get("item"), QueueItem.class);
            return new Dropped(node.get("reason").asString(), node.get("at").asLong(), item, seal.open(item));
        }).toList();
    }

    /** Puts dead letters (all, or the one with this id) back on the queue; how many. */
    int replayDead(String id) {
        int replayed = 0;
        for (Shard shard : shards) {
            List<String> raw = redis.opsForList().range(shard.dead(), 0, -1);
            for (String entry : raw == null ? List.<String>of() : raw) {
                QueueItem item = parse(entry);
                if (id == null || id.equals(item.id())) {
                    Long moved = redis.execute(replay, List.of(shard.dead(), shard.queue()), entry,
                            json.writeValueAsString(item.fresh()));
                    replayed += moved == null ? 0 : moved.intValue();
                }
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

    /** An instance's processing list, with one shard (tests). */
    static String processing(String instance) {
        return ONE.processing(instance);
    }
}
