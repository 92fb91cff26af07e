package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.crypto.TestCiphers;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.PrivateRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis killed and started again on its append-only file, away longer than an instance may stay
 * silent: every heartbeat it brings back is as old as the outage. Instances reconnect one by one
 * (Lettuce's reconnect backs off), and the first one back must not take the others for dead while
 * they are still reconnecting with turns in hand (the fault suite saw the first instance back hand
 * a live instance's turn to itself). A truly dead instance is still handed back, one allowance later.
 */
class QueueRedisRestartTest {

    static final Duration STALE_AFTER = Duration.ofSeconds(1);

    PrivateRedis server;
    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    MessageQueue queue;

    @BeforeEach
    void start() {
        server = PrivateRedis.start(true);
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        var props = new QueueProperties(4, 2, 3, Duration.ofMillis(100), Duration.ofMillis(200), STALE_AFTER,
                Duration.ofDays(30), 100, 100, Duration.ofSeconds(7), Duration.ofDays(14), Duration.ofDays(7),
                Duration.ofSeconds(1), 1);
        queue = new MessageQueue(redis, factory, props, new RateLimitProperties(100, 100), MessageQueueTest.NO_BURSTS,
                new QueueSeal(TestCiphers.fresh()),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        factory.destroy();
        server.close();
    }

    static InboundMessage message(String from) {
        return new InboundMessage("twilio", "SM" + UUID.randomUUID().toString().replace("-", ""), from, "Ada", "hi", List.of());
    }

    /** Both instances beating and reaping as usual, "busy" with a turn in hand; then Redis is away past STALE_AFTER. */
    MessageQueue.Taken aTurnInHandThroughAnOutage() {
        queue.heartbeat("busy");
        queue.heartbeat("first-back");
        assertThat(queue.reapStale("first-back")).isZero();
        queue.admit(message("whatsapp:+15550000101"));
        MessageQueue.Taken taken = queue.take("busy");
        assertThat(taken).isNotNull();

        server.kill();
        Eventually.settle(STALE_AFTER.plusMillis(700));
        server.restart();
        return taken;
    }

    /** The first reaper call that Redis takes after the restart (the connection comes back on its own). */
    long firstReapBack() {
        return Eventually.until(() -> {
            try {
                return queue.reapStale("first-back");
            } catch (RuntimeException reconnecting) {
                return null;
            }
        }, "the reaper reaches Redis again");
    }

    @Test
    void theFirstInstanceBackDoesNotTakeAnotherStillReconnectingForDead() {
        MessageQueue.Taken taken = aTurnInHandThroughAnOutage();

        assertThat(firstReapBack()).as("nothing handed back: busy's heartbeat is only as old as the outage").isZero();
        assertThat(redis.opsForList().size(MessageQueue.processing("busy"))).isEqualTo(1);
        assertThat(redis.opsForHash().get(MessageQueue.LOCKS, taken.item().k())).isEqualTo(taken.lock());

        // busy is back: it beats, finishes its turn with its own lock, and nobody else ever ran it.
        queue.heartbeat("busy");
        assertThat(queue.reapStale("first-back")).isZero();
        assertThat(queue.ack("busy", taken)).isNull();
        assertThat(redis.opsForHash().entries(MessageQueue.LOCKS)).isEmpty();
        assertThat(queue.take("first-back")).isNull();
    }

    @Test
    void anInstanceThatDiedDuringTheOutageIsHandedBackOneAllowanceLater() {
        MessageQueue.Taken taken = aTurnInHandThroughAnOutage();
        assertThat(firstReapBack()).isZero();

        long allowanceStarted = System.nanoTime();

        // busy never comes back: silent for STALE_AFTER while the reaper watches, it is presumed dead.
        long handedBack = Eventually.until(() -> {
            long n = queue.reapStale("first-back");
            return n > 0 ? n : null;
        }, "the dead instance's turn handed back");
        assertThat(handedBack).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - allowanceStarted)).isGreaterThan(STALE_AFTER.minusMillis(100));
        assertThat(queue.take("first-back").item().id()).isEqualTo(taken.item().id());
    }
}
