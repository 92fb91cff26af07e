package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.TestCiphers;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Inbox.Admission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The queue split into shards ({@code shopkeeper.queue.shards}) on real Redis (database 4): where
 * shoppers land, that order, locks and hand-backs hold across shards, and that the admin's counts
 * and dead letters cover every shard. The same scripts on a Redis Cluster: {@link RedisClusterTest}.
 */
class ShardedQueueTest {

    static final int SHARDS = 3;

    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    FieldCipher cipher = TestCiphers.fresh();
    MessageQueue queue;

    @BeforeEach
    void connect() {
        factory = MessageQueueTest.emptyDatabase(4);
        redis = new StringRedisTemplate(factory);
        queue = queue(SHARDS, 300);
    }

    MessageQueue queue(int shards, int maxDepth) {
        return new MessageQueue(redis, factory, MessageQueueTest.props(maxDepth, shards), new RateLimitProperties(1000, 1000),
                MessageQueueTest.NO_BURSTS,
                new QueueSeal(cipher), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        factory.destroy();
    }

    /** One shopper per shard (the first found in each), by their number. */
    Map<Integer, String> oneShopperPerShard() {
        Map<Integer, String> found = new HashMap<>();
        for (int i = 0; found.size() < SHARDS; i++) {
            String address = "whatsapp:+1555300" + String.format("%04d", i);
            found.putIfAbsent(shardOf(address).index(), address);
        }
        return found;
    }

    Shard shardOf(String address) {
        return Shard.of(new QueueSeal(cipher).shopperKey("twilio", address), queue.shards());
    }

    @Test
    void eachShardsTagFallsInItsOwnPartOfTheSlotsAndOneShardKeepsTheSpecificationsNames() {
        assertThat(Shard.all(1)).containsExactly(new Shard(0, "message_queue", "{message_queue}:"));
        for (int n : List.of(2, 3, 5, 16)) {
            List<Shard> shards = Shard.all(n);
            assertThat(shards).hasSize(n);
            for (Shard shard : shards) {
                int slot = ClusterSlotHashUtil.calculateSlot(shard.queue());
                assertThat(slot).as("shard %d of %d", shard.index(), n)
                        .isGreaterThanOrEqualTo(shard.index() * 16384 / n).isLessThan((shard.index() + 1) * 16384 / n);
                for (String key : List.of(shard.locks(), shard.pending() + "someone", shard.processing("i"), shard.dead(),
                        shard.instances())) {
                    assertThat(ClusterSlotHashUtil.calculateSlot(key)).as(key).isEqualTo(slot);
                }
            }
            assertThat(shards.stream().map(Shard::queue).collect(Collectors.toSet())).hasSize(n);
        }
        assertThatThrownBy(() -> Shard.all(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shoppersSpreadOverTheShardsAndEachStaysInOne() {
        List<String> shoppers = IntStream.range(0, 60).mapToObj(i -> "whatsapp:+155540" + String.format("%05d", i)).toList();
        for (String shopper : shoppers) {
            assertThat(queue.admit(MessageQueueTest.message(shopper))).isEqualTo(Admission.ENQUEUED);
            assertThat(queue.admit(MessageQueueTest.message(shopper))).isEqualTo(Admission.ENQUEUED);
        }
        assertThat(redis.opsForList().size("message_queue")).as("nothing in the unsharded list").isZero();
        for (Shard shard : queue.shards()) {
            assertThat(redis.opsForList().size(shard.queue())).as(shard.queue()).isBetween(10L, 80L);
        }
        for (String shopper : shoppers) {
            String key = new QueueSeal(cipher).shopperKey("twilio", shopper);
            Set<String> holding = queue.shards().stream()
                    .filter(s -> redis.opsForList().range(s.queue(), 0, -1).stream().anyMatch(v -> v.contains(key)))
                    .map(Shard::queue).collect(Collectors.toSet());
            assertThat(holding).as("both messages of a shopper in one shard").containsExactly(shardOf(shopper).queue());
        }
        assertThat(queue.stats()).containsEntry("depth", 120L).containsEntry("shards", 3L);
    }

    @Test
    void aTakerEmptiesEveryShardKeepingEachShoppersOrderAndOneTurnAtATime() {
        Map<Integer, String> shoppers = oneShopperPerShard();
        Map<String, List<String>> sent = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (String shopper : shoppers.values()) {
                InboundMessage m = MessageQueueTest.message(shopper);
                queue.admit(m);
                sent.computeIfAbsent(m.shopperAddress(), a -> new ArrayList<>()).add(m.platformMessageId());
            }
        }
        // Two instances, each starting its look at a different shard.
        Map<String, List<String>> processed = new HashMap<>();
        List<MessageQueue.Taken> inHand = new ArrayList<>();
        for (int look = 0; look < 40; look++) {
            var attempt = queue.take(look % 2 == 0 ? "a" : "b", look);
            if (attempt.taken() != null) {
                inHand.add(attempt.taken());
                assertThat(inHand.stream().map(t -> t.item().k()).distinct().count()).as("no shopper twice in hand")
                        .isEqualTo(inHand.size());
            } else if (attempt.idle()) {
                if (inHand.isEmpty()) {
                    break;
                }
                MessageQueue.Taken done = inHand.removeFirst();
                String instance = done.lock().substring(0, done.lock().indexOf('|')); // lock: <instance>|<fence>
                for (MessageQueue.Taken t = done; t != null; t = queue.ack(instance, t)) {
                    InboundMessage m = queue.message(t.item());
                    processed.computeIfAbsent(m.shopperAddress(), x -> new ArrayList<>()).add(m.platformMessageId());
                }
            }
        }
        assertThat(inHand).isEmpty();
        assertThat(processed).isEqualTo(sent);
        for (Shard shard : queue.shards()) {
            assertThat(redis.opsForHash().entries(shard.locks())).as(shard.locks()).isEmpty();
            assertThat(redis.keys(shard.pending() + "*")).isEmpty();
        }
    }

    @Test
    void leavingAndTheReaperHandBackWhatAnInstanceHoldsInEveryShard() {
        Map<Integer, String> shoppers = oneShopperPerShard();
        shoppers.values().forEach(s -> queue.admit(MessageQueueTest.message(s)));
        shoppers.values().forEach(s -> queue.admit(MessageQueueTest.message(s)));
        queue.heartbeat("departing");
        List<MessageQueue.Taken> taken = new ArrayList<>();
        for (int look = 0; taken.size() < SHARDS; look++) {
            var attempt = queue.take("departing", look);
            if (attempt.taken() != null) {
                taken.add(attempt.taken());
            }
        }
        queue.take("departing", 0); // the second messages park behind the first ones
        queue.take("departing", 1);
        queue.take("departing", 2);
        for (Shard shard : queue.shards()) {
            assertThat(redis.opsForZSet().score(shard.instances(), "departing")).as("registered in " + shard.queue()).isNotNull();
            assertThat(redis.opsForList().size(shard.processing("departing"))).isEqualTo(1);
        }

        assertThat(queue.leave("departing")).as("one in flight in each shard").isEqualTo(3);
        for (Shard shard : queue.shards()) {
            assertThat(redis.opsForHash().entries(shard.locks())).isEmpty();
            assertThat(redis.opsForZSet().zCard(shard.instances())).isZero();
        }
        List<String> again = new ArrayList<>();
        for (int look = 0; look < 20; look++) {
            var attempt = queue.take("other", look);
            for (MessageQueue.Taken t = attempt.taken(); t != null; t = queue.ack("other", t)) {
                again.add(t.item().id());
            }
        }
        assertThat(again).hasSize(6).containsAll(taken.stream().map(t -> t.item().id()).toList());

        // An instance that took in two shards and never beat again: the reaper finds both.
        shoppers.values().forEach(s -> queue.admit(MessageQueueTest.message(s)));
        queue.take("ghost", 0);
        queue.take("ghost", 1);
        assertThat(queue.reapStale("reaper")).isEqualTo(2);
        assertThat(queue.shards()).allSatisfy(s -> assertThat(redis.opsForHash().entries(s.locks())).isEmpty());
    }

    @Test
    void deadLettersOfEveryShardAreListedNewestFirstAndReplayedIntoTheirOwnShard() throws Exception {
        Map<Integer, String> shoppers = oneShopperPerShard();
        List<String> deadIds = new ArrayList<>();
        for (int index = 0; index < SHARDS; index++) {
            queue.admit(MessageQueueTest.message(shoppers.get(index)));
            var taken = queue.take("w", index).taken();
            assertThat(shardOf(queue.message(taken.item()).shopperAddress()).index()).isEqualTo(index);
            queue.deadLetter("w", taken, taken.item().failed("IllegalStateException"));
            deadIds.add(taken.item().id());
            Thread.sleep(3);
        }
        assertThat(queue.stats()).containsEntry("dead", 3L);
        assertThat(queue.deadLetters(10)).extracting(d -> d.item().id()).containsExactlyElementsOf(deadIds.reversed());
        assertThat(queue.deadLetters(2)).hasSize(2);

        assertThat(queue.replayDead(deadIds.get(1))).isEqualTo(1);
        assertThat(redis.opsForList().size(queue.shards().get(1).queue())).as("back in its shopper's shard").isEqualTo(1);
        assertThat(queue.replayDead(null)).isEqualTo(2);
        assertThat(queue.stats()).containsEntry("dead", 0L).containsEntry("depth", 3L);
    }

    @Test
    void eachShardHoldsItsShareOfTheMostTheQueueMayHold() {
        MessageQueue small = queue(SHARDS, 6); // two a shard
        String shopper = oneShopperPerShard().get(1);
        List<Admission> results = IntStream.range(0, 3)
                .mapToObj(i -> small.admit(MessageQueueTest.message(shopper))).toList();
        assertThat(results).containsExactly(Admission.ENQUEUED, Admission.ENQUEUED, Admission.QUEUE_FULL);
        assertThat(small.admit(MessageQueueTest.message(oneShopperPerShard().get(2)))).as("another shard has room")
                .isEqualTo(Admission.ENQUEUED);
    }
}
