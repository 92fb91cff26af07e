package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The gateway's admission script on real Redis (database 3): the key shapes and limits other parts rely on. */
class MessageQueueTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00.250Z");

    LettuceConnectionFactory factory;
    StringRedisTemplate redis;
    MessageQueue queue;

    @BeforeEach
    void connect() {
        TestRedis.flush(TestRedis.url(3));
        var config = new RedisStandaloneConfiguration(TestRedis.host(), TestRedis.port());
        config.setDatabase(3);
        factory = new LettuceConnectionFactory(config);
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        var props = new QueueProperties(4, 2, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofDays(30), 100);
        // Three a second in all, two an hour per shopper; a fixed clock keeps every call in one second.
        queue = new MessageQueue(redis, factory, props, new RateLimitProperties(2, 3), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        factory.destroy();
    }

    static InboundMessage message(String from) {
        return new InboundMessage("twilio", "SM" + UUID.randomUUID().toString().replace("-", ""), from, "Ada", "hi", List.of());
    }

    @Test
    void rateLimitHashHasCountAndResetAtWithAnHourToLive() {
        assertThat(queue.admit(message("whatsapp:+15550000001"))).isEqualTo(Admission.ENQUEUED);
        var hash = redis.opsForHash().entries("rate_limit:whatsapp:+15550000001");
        assertThat(hash).containsEntry("count", "1").containsEntry("reset_at", Long.toString(NOW.getEpochSecond() + 3600));
        assertThat(redis.getExpire("rate_limit:whatsapp:+15550000001")).isBetween(3500L, 3600L);
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(1);
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
        assertThat(redis.opsForList().range(MessageQueue.DROPPED, 0, -1)).hasSize(2)
                .allSatisfy(d -> assertThat(d).contains("\"reason\":\"shopper-limit\""));
    }

    @Test
    void overTheGlobalLimitMessagesAreDroppedAndRecordedButStillAnswered() {
        var results = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> queue.admit(message("whatsapp:+1555100000" + i))).toList();
        assertThat(results).containsExactly(Admission.ENQUEUED, Admission.ENQUEUED, Admission.ENQUEUED,
                Admission.GLOBALLY_LIMITED, Admission.GLOBALLY_LIMITED);
        assertThat(redis.opsForList().size("message_queue")).isEqualTo(3);
        assertThat(redis.opsForList().range(MessageQueue.DROPPED, 0, -1)).hasSize(2)
                .allSatisfy(d -> assertThat(d).contains("\"reason\":\"global-limit\""));
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
    void aFirstDeliveryIsNotMarkedButWhatTheReaperReturnsIs() {
        // A text that spells the mark, quotes and all, must not pass for it.
        queue.admit(new InboundMessage("twilio", "SM-mark-1", "whatsapp:+15550000005", "Ada", "say \"rd\":true", List.of()));
        queue.admit(message("whatsapp:+15550000006"));
        var first = queue.take("dead-instance");
        var second = queue.take("dead-instance");
        assertThat(first.item().deliveredBefore()).isFalse();
        assertThat(second.item().deliveredBefore()).isFalse();
        redis.opsForZSet().add(MessageQueue.INSTANCES, "dead-instance", NOW.toEpochMilli() - 60_000);

        assertThat(queue.reapStale("reaper")).isEqualTo(2);
        var again = List.of(queue.take("reaper"), queue.take("reaper"));
        assertThat(again).extracting(t -> t.item().id()).containsExactly(first.item().id(), second.item().id());
        assertThat(again).allSatisfy(t -> assertThat(t.item().deliveredBefore()).isTrue());
        assertThat(again.getFirst().item().t()).isEqualTo("say \"rd\":true");

        // Reaped twice, it stays one well-formed item.
        redis.opsForZSet().add(MessageQueue.INSTANCES, "reaper", NOW.toEpochMilli() - 60_000);
        assertThat(queue.reapStale("second-reaper")).isEqualTo(2);
        var third = queue.take("second-reaper");
        assertThat(third.raw()).startsWith("{\"rd\":true,").doesNotStartWith("{\"rd\":true,\"rd\"");
        assertThat(third.item().deliveredBefore()).isTrue();
    }
}
