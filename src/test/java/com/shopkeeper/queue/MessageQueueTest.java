package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.crypto.FieldCipher;
import com.shopkeeper.crypto.TestCiphers;
import com.shopkeeper.engine.EngineProperties;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Inbox.Admission;
import com.shopkeeper.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The queue's scripts on real Redis (database 3): the key shapes, limits and hand-backs other parts rely on. */
class MessageQueueTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00.250Z");
    /** Bursts off: every message its own turn at once, as before there were bursts. */
    static final EngineProperties NO_BURSTS = new EngineProperties(8, 1000, 5, "the shop", Duration.ZERO, 5);

    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    FieldCipher cipher = TestCiphers.fresh();
    MessageQueue queue;

    @BeforeEach
    void connect() {
        factory = emptyDatabase(3);
        redis = new StringRedisTemplate(factory);
        queue = queue(100);
    }

    /** A connection to the shared Redis's database {@code database}, emptied first. */
    static LettuceConnectionFactory emptyDatabase(int database) {
        TestRedis.flush(TestRedis.url(database));
        var config = new RedisStandaloneConfiguration(TestRedis.host(), TestRedis.port());
        config.setDatabase(database);
        var factory = new LettuceConnectionFactory(config);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** The queue's settings in these tests: 100 ms first retry, 1 s heartbeat, stale after 5 s. */
    static QueueProperties props(int maxDepth, int shards) {
        return new QueueProperties(4, 2, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofDays(30), 100, maxDepth, Duration.ofSeconds(7), Duration.ofDays(14), Duration.ofDays(7),
                Duration.ofSeconds(1), shards);
    }

    MessageQueue queue(int maxDepth) {
        return queueAt(NOW, maxDepth);
    }

    /** Three a second in all, two an hour per shopper; a fixed clock keeps every call in one second. */
    MessageQueue queueAt(Instant now, int maxDepth) {
        return new MessageQueue(redis, factory, props(maxDepth, 1), new RateLimitProperties(2, 3), NO_BURSTS, new QueueSeal(cipher),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        factory.destroy();
    }

    static InboundMessage message(String from) {
        return new InboundMessage("twilio", "SM" + UUID.randomUUID().toString().replace("-", ""), from, "Ada", "hi", List.of());
    }

    String rateKey(String address) {
        return "rate_limit:" + cipher.pseudonym(address);
    }

    @Test
    void rateLimitHashHasCountAndResetAtWithAnHourToLiveUnderAKeyedHashOfTheNumber() {
        assertThat(queue.admit(message("whatsapp:+15550000001"))).isEqualTo(Admission.ENQUEUED);
        var hash = redis.opsForHash().entries(rateKey("whatsapp:+15550000001"));
        assertThat(hash).containsEntry("count", "1").containsEntry("reset_at", Long.toString(NOW.getEpochSecond() + 3600));
        assertThat(redis.getExpire(rateKey("whatsapp:+15550000001"))).isBetween(3500L, 3600L);
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(1);
    }

    @Test
    void nothingPersonalIsInRedisInPlaintext() {
        queue.admit(new InboundMessage("twilio", "SM-personal", "whatsapp:+15550009999", "Grace Hopper",
                "my address is 12 Elm Street", List.of()));
        for (int i = 0; i < 3; i++) {
            queue.admit(message("whatsapp:+15550009999")); // the last ones go over the limit: dropped, and one throttle notice
        }
        var keys = redis.keys("*");
        assertThat(keys).isNotEmpty().noneMatch(k -> k.contains("15550009999"));
        for (String key : keys) {
            String type = redis.type(key).code();
            List<String> values = switch (type) {
                case "list" -> redis.opsForList().range(key, 0, -1);
                case "hash" -> redis.opsForHash().values(key).stream().map(Object::toString).toList();
                case "string" -> List.of(redis.opsForValue().get(key));
                default -> List.of();
            };
            assertThat(values).as(key).noneMatch(v -> v.contains("15550009999") || v.contains("Grace") || v.contains("Elm Street"));
        }
        // ...and what a worker takes opens to the message as sent.
        var taken = queue.take("w");
        assertThat(queue.message(taken.item())).satisfies(m -> {
            assertThat(m.shopperAddress()).isEqualTo("whatsapp:+15550009999");
            assertThat(m.name()).isEqualTo("Grace Hopper");
            assertThat(m.text()).isEqualTo("my address is 12 Elm Street");
            assertThat(m.platformMessageId()).isEqualTo("SM-personal");
        });
    }

    @Test
    void aCatalogOrdersLinesCrossTheQueueSealed() {
        queue.admit(new InboundMessage("meta", "wamid.order-1", "+15550008888", "Ines", "WhatsApp cart: 2 × SK-1, 1 × SK-2",
                List.of(), null, List.of(new InboundMessage.OrderLine("SK-1", 2), new InboundMessage.OrderLine("SK-2", 1))));
        assertThat(redis.opsForList().range("message_queue", 0, -1)).noneMatch(v -> v.contains("SK-1"));
        var taken = queue.take("w");
        assertThat(queue.message(taken.item()).order()).containsExactly(new InboundMessage.OrderLine("SK-1", 2),
                new InboundMessage.OrderLine("SK-2", 1));
    }

    @Test
    void sameMessageIdIsAdmittedOnce() {
        InboundMessage m = message("whatsapp:+15550000002");
        assertThat(List.of(queue.admit(m), queue.admit(m), queue.admit(m)))
                .containsExactly(Admission.ENQUEUED, Admission.DUPLICATE, Admission.DUPLICATE);
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(1);
    }

    @Test
    void overTheShopperLimitOnlyTheFirstDropQueuesTheSlowDownNotice() {
        String from = "whatsapp:+15550000003";
        var results = List.of(queue.admit(message(from)), queue.admit(message(from)), queue.admit(message(from)),
                queue.admit(message(from)));
        assertThat(results).containsExactly(Admission.ENQUEUED, Admission.ENQUEUED, Admission.SHOPPER_LIMITED,
                Admission.SHOPPER_LIMITED);
        List<String> queued = redis.opsForList().range("message_queue", 0, -1);
        assertThat(queued).hasSize(3).filteredOn(s -> s.contains("\"kind\":\"throttled\"")).hasSize(1);
        assertThat(queue.droppedEntries(10)).hasSize(2)
                .allSatisfy(d -> assertThat(d.reason()).isEqualTo("shopper-limit"))
                .allSatisfy(d -> assertThat(d.message().shopperAddress()).isEqualTo(from));
    }

    @Test
    void overTheGlobalLimitMessagesAreRefusedNotTakenSoThePlatformSendsThemAgain() {
        var messages = java.util.stream.IntStream.range(0, 5).mapToObj(i -> message("whatsapp:+1555100000" + i)).toList();
        var results = messages.stream().map(queue::admit).toList();
        assertThat(results).containsExactly(Admission.ENQUEUED, Admission.ENQUEUED, Admission.ENQUEUED,
                Admission.GLOBALLY_LIMITED, Admission.GLOBALLY_LIMITED);
        assertThat(results.get(3).busy()).isTrue();
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(3);
        assertThat(redis.opsForList().size(MessageQueue.DROPPED)).as("not dropped behind an answer").isZero();
        // Its id was not remembered: once the second is over, the platform's retry is taken.
        var nextSecond = queueAt(NOW.plusSeconds(1), 100);
        assertThat(nextSecond.admit(messages.get(3))).isEqualTo(Admission.ENQUEUED);
    }

    @Test
    void aFullQueueRefusesMoreUntilWorkersDrainIt() {
        MessageQueue small = queue(2);
        InboundMessage third = message("whatsapp:+15550000031");
        assertThat(small.admit(message("whatsapp:+15550000030"))).isEqualTo(Admission.ENQUEUED);
        assertThat(small.admit(message("whatsapp:+15550000032"))).isEqualTo(Admission.ENQUEUED);
        assertThat(small.admit(third)).isEqualTo(Admission.QUEUE_FULL);
        assertThat(small.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(2);
        assertThat(redis.opsForHash().get(rateKey("whatsapp:+15550000031"), "count")).as("not counted either").isNull();

        assertThat(small.take("w")).isNotNull();
        assertThat(small.admit(third)).as("the platform's retry, once there is room").isEqualTo(Admission.ENQUEUED);
    }

    @Test
    void takeParksASecondMessageOfABusyShopperUntilTheFirstIsFinished() {
        queue.admit(message("whatsapp:+15550000004"));
        queue.admit(message("whatsapp:+15550000004"));
        var first = queue.take("a");
        assertThat(first).isNotNull();
        assertThat(queue.take("b")).as("the shopper is busy: parked, not handed out").isNull();
        assertThat(redis.opsForList().size("message_queue")).isZero();
        var second = queue.ack("a", first);
        assertThat(second).as("handed over under the same lock").isNotNull();
        assertThat(second.lock()).isEqualTo(first.lock());
        assertThat(queue.ack("a", second)).isNull();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
    }

    @Test
    void leavingHandsBackWhatTheInstanceHoldsSoTheShoppersNextMessagesRun() {
        String shopper = "whatsapp:+15550000005";
        queue.heartbeat("departing");
        queue.admit(message(shopper));
        queue.admit(message(shopper));
        var inFlight = queue.take("departing");
        assertThat(queue.take("departing")).as("parked behind the one in flight").isNull();

        assertThat(queue.leave("departing")).isEqualTo(1);

        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).as("no lock left behind").isEmpty();
        assertThat(redis.opsForZSet().zCard(MessageQueue.INSTANCES)).isZero();
        var again = queue.take("other");
        assertThat(again.item().id()).as("the turn in flight comes back first").isEqualTo(inFlight.item().id());
        var next = queue.ack("other", again);
        assertThat(next).as("then the parked one, in order").isNotNull();
        assertThat(queue.ack("other", next)).isNull();
        // The departed instance's late ack (its turn ran past the stop's wait) changes nothing.
        assertThat(queue.ack("departing", inFlight)).isNull();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
    }

    @Test
    void theReaperHandsBackWhatAnUnregisteredInstanceHolds() {
        // An instance took an item without ever (or no longer) being registered: it left while a
        // taker of it was mid-take, or it was reaped while alive. Nobody's heartbeat covers it.
        queue.admit(message("whatsapp:+15550000006"));
        var taken = queue.take("ghost");
        assertThat(taken).isNotNull();
        assertThat(redis.opsForZSet().score(MessageQueue.INSTANCES, "ghost")).isNull();

        assertThat(queue.reapStale("reaper")).isEqualTo(1);
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
        assertThat(queue.take("reaper").item().id()).isEqualTo(taken.item().id());
    }

    @Test
    void staleHeartbeatsAreJudgedByRedisClockNotTheInstances() {
        // Instance clocks far in the future or past do not matter: the queue's times are Redis's.
        queue.heartbeat("alive");
        queue.admit(message("whatsapp:+15550000007"));
        queue.take("alive");
        var skewed = queueAt(NOW.plus(Duration.ofDays(365)), 100);
        assertThat(skewed.reapStale("reaper-from-the-future")).as("a fresh heartbeat is fresh").isZero();
        redis.opsForZSet().add(MessageQueue.INSTANCES, "alive", 1_000);
        assertThat(skewed.reapStale("reaper-from-the-future")).isEqualTo(1);
    }

    @Test
    void aRetryIsDueByRedisClockAndKeepsTheShopperLocked() {
        queue.admit(message("whatsapp:+15550000008"));
        queue.admit(message("whatsapp:+15550000008"));
        var taken = queue.take("w");
        assertThat(queue.retryLater("w", taken, taken.item().failed("IllegalStateException"), Duration.ofMillis(300))).isTrue();
        assertThat(queue.take("w")).as("the later one waits behind the retry").isNull();
        assertThat(queue.promoteDue()).isZero();
        com.shopkeeper.support.Eventually.until(() -> queue.promoteDue() == 1 ? true : null, "the retry falls due");
        var retried = queue.take("w");
        assertThat(retried.item().id()).isEqualTo(taken.item().id());
        assertThat(retried.item().att()).isEqualTo(1);
    }

    @Test
    void deadAndDroppedEntriesAreForgottenPastTheirRetention() {
        String from = "whatsapp:+15550000009";
        for (int i = 0; i < 4; i++) {
            queue.admit(message(from)); // two dropped
        }
        var taken = queue.take("w");
        queue.deadLetter("w", taken, taken.item().failed("IllegalStateException"));
        assertThat(redis.opsForList().size(MessageQueue.DEAD)).isEqualTo(1);
        assertThat(queue.trimExpired()).as("nothing is old yet").isZero();

        var later = queueAt(NOW.plus(Duration.ofDays(8)), 100);
        assertThat(later.trimExpired()).as("the dropped ones are past 7 days, the dead one not past 14").isEqualTo(2);
        assertThat(redis.opsForList().size(MessageQueue.DEAD)).isEqualTo(1);
        var muchLater = queueAt(NOW.plus(Duration.ofDays(15)), 100);
        assertThat(muchLater.trimExpired()).isEqualTo(1);
        assertThat(redis.opsForList().size(MessageQueue.DEAD)).isZero();
    }
}
