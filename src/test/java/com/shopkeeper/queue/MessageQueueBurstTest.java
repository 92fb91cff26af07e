package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.TestCiphers;
import com.shopkeeper.engine.EngineProperties;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Inbox.Admission;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.PrivateRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Bursts in the queue's scripts (issue 16), on a redis-server of the test's own: a message younger
 * than the window is put aside (no instance holds it) with its shopper locked, and handed out when
 * its window closes with the parked messages that continue it, as one taken burst that is
 * acknowledged, retried and handed back whole and in order.
 */
class MessageQueueBurstTest {

    static final Duration WINDOW = Duration.ofMillis(400);

    static PrivateRedis server;
    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    FieldCipher cipher = TestCiphers.fresh();
    MessageQueue queue;

    @BeforeAll
    static void startRedis() {
        server = PrivateRedis.start(false);
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void connect() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        redis.getRequiredConnectionFactory().getConnection().serverCommands().flushDb();
        queue = queue(WINDOW, 5, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        factory.destroy();
    }

    MessageQueue queue(Duration window, int most, Clock clock) {
        var props = new QueueProperties(4, 2, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofDays(30), 100, 100, Duration.ofSeconds(7), Duration.ofDays(14), Duration.ofDays(7),
                Duration.ofSeconds(1), 1);
        return new MessageQueue(redis, factory, props, new RateLimitProperties(1000, 1000),
                new EngineProperties(8, 1000, 5, "the shop", window, most), new QueueSeal(cipher), clock);
    }

    static InboundMessage message(String from, String text) {
        return new InboundMessage("web", "id-" + UUID.randomUUID(), from, "Ada", text, List.of());
    }

    /** Admits messages of one shopper, {@code gapMs} apart; answers their platform ids. */
    List<String> send(String from, long gapMs, String... texts) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (i > 0) {
                pause(gapMs);
            }
            InboundMessage m = message(from, texts[i]);
            assertThat(queue.admit(m)).isEqualTo(Admission.ENQUEUED);
            ids.add(m.platformMessageId());
        }
        return ids;
    }

    /** Takes until something is handed out (parking and putting aside as it goes). */
    MessageQueue.Taken takeNext(String instance) {
        return Eventually.until(() -> queue.take(instance), "something handed out");
    }

    static List<String> ids(MessageQueue.Taken taken) {
        return taken.items().stream().map(QueueItem::mid).toList();
    }

    Long gathering() {
        return redis.opsForZSet().zCard(MessageQueue.GATHERING);
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoneMessageWaitsOutItsWindowHeldByNoInstanceThenIsHandedOutAlone() {
        long sent = System.currentTimeMillis();
        List<String> ids = send("shopper-1", 0, "hi");
        assertThat(queue.take("w")).as("younger than the window: put aside").isNull();
        assertThat(gathering()).isEqualTo(1);
        assertThat(redis.opsForHash().get(MessageQueue.LOCKS, firstKey())).as("the shopper is locked").isEqualTo("gather");
        assertThat(redis.opsForList().size(MessageQueue.processing("w"))).as("no instance holds it meanwhile").isZero();
        assertThat(queue.idleWait()).isPositive().isLessThanOrEqualTo(WINDOW);

        MessageQueue.Taken taken = takeNext("w");
        long waited = System.currentTimeMillis() - sent;
        assertThat(ids(taken)).containsExactlyElementsOf(ids);
        assertThat(waited).as("held for its window from its receipt, and no longer than it takes to look again")
                .isBetween(WINDOW.toMillis() - 20, WINDOW.toMillis() + 300);
        assertThat(redis.opsForList().size(MessageQueue.processing("w"))).isEqualTo(1);
        assertThat(queue.ack("w", taken)).isNull();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
        assertThat(gathering()).isZero();
        assertThat(queue.idleWait()).isEqualTo(Duration.ofSeconds(1));
    }

    private String firstKey() {
        return redis.opsForHash().keys(MessageQueue.LOCKS).iterator().next().toString();
    }

    @Test
    void messagesWithinTheWindowOfEachOtherAreHandedOutAsOneBurstInOrder() {
        List<String> ids = send("shopper-2", 100, "hi", "do you have backpacks", "under 100");
        for (int i = 0; i < 3; i++) {
            assertThat(queue.take("w")).as("put aside, then parked behind it").isNull();
        }
        assertThat(redis.opsForList().size("{message_queue}:pending:" + firstKey())).isEqualTo(2);

        MessageQueue.Taken burst = takeNext("w");
        assertThat(ids(burst)).containsExactlyElementsOf(ids);
        assertThat(burst.items()).extracting(i -> queue.message(i).text())
                .containsExactly("hi", "do you have backpacks", "under 100");
        assertThat(redis.opsForList().size(MessageQueue.processing("w"))).as("all of it in flight").isEqualTo(3);
        assertThat(queue.ack("w", burst)).isNull();
        assertThat(redis.opsForList().size(MessageQueue.processing("w"))).isZero();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
        assertThat(redis.keys("{message_queue}:pending:*")).isEmpty();
    }

    @Test
    void aShopperStillWritingKeepsTheBurstOpenUntilTheirLatestIsAWindowOld() {
        long first = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        ids.addAll(send("shopper-3", 0, "one"));
        assertThat(queue.take("w")).isNull();
        pause(300);
        ids.addAll(send("shopper-3", 0, "two"));
        assertThat(queue.take("w")).isNull();
        pause(300);
        long last = System.currentTimeMillis();
        ids.addAll(send("shopper-3", 0, "three"));
        MessageQueue.Taken burst = takeNext("w");
        long handedOut = System.currentTimeMillis();
        assertThat(ids(burst)).containsExactlyElementsOf(ids);
        assertThat(handedOut - last).as("a window after the latest").isGreaterThanOrEqualTo(WINDOW.toMillis() - 20);
        assertThat(handedOut - first).as("which is more than a window after the first").isGreaterThan(WINDOW.toMillis() + 500);
    }

    @Test
    void aBurstClosesAtItsMostMessagesAndTheNextOnesStartTheirOwn() {
        queue = queue(WINDOW, 3, Clock.systemUTC());
        List<String> ids = send("shopper-4", 20, "a", "b", "c", "d", "e");
        MessageQueue.Taken first = takeNext("w");
        assertThat(ids(first)).containsExactlyElementsOf(ids.subList(0, 3));
        MessageQueue.Taken next = queue.ack("w", first);
        if (next == null) {
            // d is still inside its own window: put aside to gather, e parked behind it.
            next = takeNext("w");
        }
        assertThat(ids(next)).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(queue.ack("w", next)).isNull();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
    }

    @Test
    void aBurstClosesFourWindowsAfterItsFirstHoweverTheShopperKeepsWriting() {
        queue = queue(Duration.ofMillis(300), 100, Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        List<MessageQueue.Taken> handed = new ArrayList<>();
        long first = System.currentTimeMillis();
        long firstOut = 0;
        for (int i = 0; i < 12; i++) { // one every 200 ms, for 2.4 s
            ids.addAll(send("shopper-5", 0, "m" + i));
            for (MessageQueue.Taken t; (t = queue.take("w")) != null; ) {
                handed.add(t);
                firstOut = firstOut == 0 ? System.currentTimeMillis() : firstOut;
            }
            pause(200);
        }
        assertThat(handed).as("the first burst went out while the shopper was still writing").isNotEmpty();
        assertThat(firstOut - first).isBetween(1200L - 20, 1200L + 400);
        assertThat(handed.getFirst().items().size()).isBetween(5, 8);
        // Everything else follows, in order, nothing twice.
        List<String> seen = new ArrayList<>(ids(handed.getFirst()));
        MessageQueue.Taken next = queue.ack("w", handed.getFirst());
        while (seen.size() < ids.size()) {
            MessageQueue.Taken t = next != null ? next : takeNext("w");
            seen.addAll(ids(t));
            next = queue.ack("w", t);
        }
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void aMessageOlderThanTheWindowIsHandedOutAtOnce() {
        // Received long ago (the queue was behind, or a dead letter replayed): nothing to wait for.
        MessageQueue past = queue(WINDOW, 5, Clock.fixed(Instant.now().minusSeconds(10), ZoneOffset.UTC));
        InboundMessage m = message("shopper-6", "hello?");
        past.admit(m);
        MessageQueue.Taken taken = queue.take("w");
        assertThat(taken).isNotNull();
        assertThat(ids(taken)).containsExactly(m.platformMessageId());
        assertThat(gathering()).isZero();
    }

    @Test
    void twoShoppersBurstingAtOnceAreTwoBursts() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a.addAll(send("shopper-7a", 0, "a" + i));
            b.addAll(send("shopper-7b", 0, "b" + i));
            pause(50);
        }
        MessageQueue.Taken one = takeNext("w");
        MessageQueue.Taken two = takeNext("w");
        assertThat(List.of(ids(one), ids(two))).containsExactlyInAnyOrder(a, b);
        assertThat(one.lock()).isNotEqualTo(two.lock());
    }

    @Test
    void aFailedBurstIsRetriedWholeAheadOfWhatTheShopperWroteAfterIt() {
        List<String> ids = send("shopper-8", 50, "a", "b", "c");
        MessageQueue.Taken burst = takeNext("w");
        assertThat(ids(burst)).containsExactlyElementsOf(ids);
        assertThat(queue.retryLater("w", burst, burst.item().failed("IllegalStateException"), Duration.ofMillis(200))).isTrue();
        assertThat(redis.opsForList().size(MessageQueue.processing("w"))).isZero();
        pause(WINDOW.toMillis() + 50);
        List<String> later = send("shopper-8", 0, "d"); // after the burst closed: its own turn, after it
        assertThat(queue.take("w")).as("parked behind the retry").isNull();

        Eventually.until(() -> queue.promoteDue() == 1 ? true : null, "the retry falls due");
        MessageQueue.Taken again = takeNext("w");
        assertThat(ids(again)).containsExactlyElementsOf(ids);
        assertThat(again.item().att()).isEqualTo(1);
        MessageQueue.Taken next = queue.ack("w", again);
        MessageQueue.Taken d = next != null ? next : takeNext("w");
        assertThat(ids(d)).containsExactlyElementsOf(later);
        assertThat(queue.ack("w", d)).isNull();
    }

    @Test
    void aDeadBurstIsDeadLetteredWhole() {
        List<String> ids = send("shopper-9", 50, "a", "b");
        MessageQueue.Taken burst = takeNext("w");
        assertThat(queue.deadLetter("w", burst, burst.item().failed("IllegalStateException"))).isNull();
        assertThat(queue.deadLetters(10)).extracting(d -> d.item().mid()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(queue.deadLetters(10)).allSatisfy(d -> assertThat(d.item().err()).isEqualTo("IllegalStateException"));
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
    }

    @Test
    void anInstanceThatDiesHoldingABurstHandsItBackAsItCameAndNothingOvertakesIt() {
        List<String> ids = send("shopper-10", 50, "a", "b", "c");
        List<String> other = send("shopper-10b", 0, "hello");
        MessageQueue.Taken burst = takeNext("ghost");
        MessageQueue.Taken alone = takeNext("ghost");
        assertThat(List.of(ids(burst), ids(alone))).containsExactlyInAnyOrder(ids, other);
        List<String> after = send("shopper-10", 0, "d"); // parks behind the burst in flight
        assertThat(queue.take("ghost")).isNull();

        assertThat(queue.reapStale("reaper")).as("every item it held").isEqualTo(4);
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
        List<List<String>> handedOut = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        while (seen.size() < 5) {
            MessageQueue.Taken t = takeNext("reaper");
            for (MessageQueue.Taken x = t; x != null; x = queue.ack("reaper", x)) {
                handedOut.add(ids(x));
                seen.addAll(ids(x));
            }
        }
        List<String> shopper10 = seen.stream().filter(id -> ids.contains(id) || after.contains(id)).toList();
        assertThat(shopper10).as("the burst, then what came after it").containsExactly(ids.get(0), ids.get(1), ids.get(2), after.getFirst());
        assertThat(handedOut).contains(other);
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void withNoWindowEveryMessageIsHandedOutAtOnceAndAlone() {
        queue = queue(Duration.ZERO, 5, Clock.systemUTC());
        List<String> ids = send("shopper-11", 0, "a", "b");
        MessageQueue.Taken first = queue.take("w");
        assertThat(ids(first)).containsExactly(ids.getFirst());
        assertThat(queue.take("w")).as("parked").isNull();
        assertThat(ids(queue.ack("w", first))).containsExactly(ids.get(1));
        assertThat(gathering()).isZero();
        assertThat(queue.idleWait()).isEqualTo(Duration.ofSeconds(1));
    }
}
