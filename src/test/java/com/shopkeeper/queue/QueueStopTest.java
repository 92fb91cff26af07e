package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MessageProcessor;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.PrivateRedis;
import com.shopkeeper.support.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deploy while a turn is slow: the departing instance stops (as on SIGTERM) with a turn still
 * running past its drain timeout. What it held goes back to the queue and its shopper's lock is
 * released, so another instance answers that turn and the shopper's later messages, in order,
 * each once. On a private redis-server, so the instance registry and locks seen are this test's.
 */
class QueueStopTest {

    record Done(String instance, String text) {
    }

    static final Queue<Done> DONE = new ConcurrentLinkedQueue<>();
    static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);

    /** Finishes each turn through the ledger; on the departing instance, "slow …" never returns on its own. */
    record Processor(String instance, ConfigurableApplicationContext[] self) implements MessageProcessor {
        @Override
        public Conversation process(Turn turn, InboundMessage message, Conversation conversation) {
            if (instance.equals("departing") && message.text().startsWith("slow")) {
                SLOW_STARTED.countDown();
                try {
                    Thread.sleep(120_000);   // a model call far slower than any drain timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted by the stop", e);
                }
            }
            var app = self[0];
            app.getBean(TransactionTemplate.class).executeWithoutResult(s -> app.getBean(TurnRepository.class)
                    .step(turn, 0, null, List.of(Turn.Reply.of("ok", List.of())), true));
            DONE.add(new Done(instance, message.text()));
            return conversation;
        }
    }

    static PrivateRedis redis;
    static Path data;

    @BeforeAll
    static void redis() throws Exception {
        redis = PrivateRedis.start(false);
        data = Files.createTempDirectory("shopkeeper-stop-test");
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    static ConfigurableApplicationContext start(String name) {
        var self = new ConfigurableApplicationContext[1];
        // Staleness far longer than the stop's wait, as in production (15 s against 10-20 s): the
        // reaper cannot be what rescues the turn; the stop itself must hand it back.
        self[0] = TestApps.start(data, redis.url(), Map.of("shopkeeper.queue.workers", "2",
                        "shopkeeper.queue.drain-timeout", "300ms", "shopkeeper.queue.stale-after", "120s",
                        "shopkeeper.processor", "registered-by-test"),
                ctx -> ctx.registerBean(MessageProcessor.class, () -> new Processor(name, self)));
        return self[0];
    }

    @Test
    void aStopWithATurnRunningPastItsWaitHandsTheTurnAndTheShopperBack() throws Exception {
        ConfigurableApplicationContext departing = start("departing");
        Http http = new Http("http://localhost:" + TestApps.port(departing), JsonMapper.builder().build())
                .withHeader("X-Simulator-Session", UUID.randomUUID().toString());
        assertThat(http.postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", "slow one")).status())
                .isEqualTo(200);
        assertThat(http.postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", "then this")).status())
                .isEqualTo(200);
        SLOW_STARTED.await();

        ConfigurableApplicationContext staying = start("staying");
        try {
            departing.close();   // what SIGTERM does: Spring's graceful stop

            List<Done> done = Eventually.until(() -> DONE.size() >= 2 ? List.copyOf(DONE) : null, "both messages answered");
            assertThat(done).containsExactly(new Done("staying", "slow one"), new Done("staying", "then this"));

            StringRedisTemplate keys = staying.getBean(StringRedisTemplate.class);
            Eventually.until(() -> keys.opsForHash().size("{message_queue}:locks") == 0);
            assertThat(keys.keys("{message_queue}:processing:*")).allSatisfy(k -> assertThat(keys.opsForList().size(k)).isZero());
            assertThat(keys.keys("{message_queue}:pending:*")).isEmpty();
            assertThat(keys.opsForZSet().size("{message_queue}:instances")).as("only the staying instance is registered").isEqualTo(1);
            Eventually.settle(java.time.Duration.ofMillis(500));
            assertThat(DONE).as("nothing answered twice").hasSize(2);
        } finally {
            staying.close();
        }
    }
}
