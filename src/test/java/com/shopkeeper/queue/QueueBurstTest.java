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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bursts through the worker pool when things go wrong (issue 16): a gathered burst whose turn fails
 * is retried whole, and one whose worker dies is handed back and taken up by another instance; either
 * way it is answered once, with all its texts, and what the shopper wrote after it comes after it.
 * A gateway and two worker instances on a Redis of the test's own, the chat simulator's webhook, and
 * a processor that records what it was given.
 */
class QueueBurstTest {

    static final Duration WINDOW = Duration.ofMillis(500);

    /** What the processor was given: by whom, for which shopper, which text. */
    record Processed(String instance, String shopper, String text) {
    }

    static final Queue<Processed> PROCESSED = new ConcurrentLinkedQueue<>();
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    static final CountDownLatch BLOCKED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile String blockedOn;

    static PrivateRedis redis;
    static ConfigurableApplicationContext gateway;
    static ConfigurableApplicationContext worker1;
    static ConfigurableApplicationContext worker2;
    static Http http;

    @BeforeAll
    static void startInstances() throws Exception {
        redis = PrivateRedis.start(false);
        Path data = Files.createTempDirectory("shopkeeper-burst-test");
        gateway = start(data, "gateway", "gateway");
        worker1 = start(data, "worker-1", "worker");
        worker2 = start(data, "worker-2", "worker");
        http = new Http("http://localhost:" + TestApps.port(gateway), JsonMapper.builder().build());
    }

    static ConfigurableApplicationContext start(Path data, String name, String roles) {
        return TestApps.start(data, redis.url(), Map.of("shopkeeper.roles", roles, "shopkeeper.queue.workers", "4",
                        "shopkeeper.processor", "registered-by-test",
                        "shopkeeper.engine.burst-window", WINDOW.toMillis() + "ms"),
                ctx -> ctx.registerBean(MessageProcessor.class,
                        () -> new Recorder(name, () -> ctx.getBean(TurnRepository.class),
                                () -> ctx.getBean(TransactionTemplate.class))));
    }

    @AfterAll
    static void stopInstances() {
        RELEASE.countDown();
        for (var app : new ConfigurableApplicationContext[] {worker1, worker2, gateway}) {
            if (app != null) {
                app.close();
            }
        }
        redis.close();
    }

    /** Records what it was given; fails once on "fail-once", blocks once on "block" until released. */
    record Recorder(String instance, Supplier<TurnRepository> turns, Supplier<TransactionTemplate> tx)
            implements MessageProcessor {
        @Override
        public Conversation process(Turn turn, InboundMessage message, Conversation conversation) {
            String text = message.text();
            if (text.startsWith("fail-once") && FAILED_ONCE.add(message.platformMessageId())) {
                throw new IllegalStateException("failing once on purpose");
            }
            if (text.startsWith("block") && BLOCKED.getCount() > 0) {
                blockedOn = instance;
                BLOCKED.countDown();
                try {
                    RELEASE.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted (the worker was killed)", e);
                }
            }
            tx.get().executeWithoutResult(s -> turns.get().step(turn, 0, null, List.of(Turn.Reply.of("ok", List.of())), true));
            PROCESSED.add(new Processed(instance, message.shopperAddress(), text));
            return conversation;
        }
    }

    static void send(String session, String text) {
        var response = http.withHeader("X-Simulator-Session", session)
                .postJson("/webhook/web", Map.of("id", UUID.randomUUID().toString(), "text", text));
        assertThat(response.status()).isEqualTo(200);
    }

    static List<Processed> of(String session) {
        return PROCESSED.stream().filter(p -> p.shopper().equals("web:" + session)).toList();
    }

    static List<String> awaitTexts(String session, int count) {
        return Eventually.until(() -> {
            List<String> texts = of(session).stream().map(Processed::text).toList();
            return texts.size() >= count ? texts : null;
        }, count + " turns of " + session);
    }

    @Test
    void aBurstWhoseTurnFailsIsRetriedWholeAndAnsweredOnceWithAllItsTexts() {
        String session = UUID.randomUUID().toString();
        send(session, "fail-once a");
        send(session, "b");
        send(session, "c");
        Eventually.settle(WINDOW.plusMillis(100));
        send(session, "d");

        assertThat(awaitTexts(session, 2)).containsExactly("fail-once a. b. c", "d");
        Eventually.settle(WINDOW.plusMillis(300));
        assertThat(of(session)).hasSize(2);
    }

    @Test
    void aWorkerThatDiesHoldingABurstHasItHandedBackAndAnsweredOnceElsewhere() throws Exception {
        String session = UUID.randomUUID().toString();
        send(session, "block a");
        send(session, "b");
        send(session, "c");
        BLOCKED.await();
        send(session, "d"); // after the burst closed: parked behind it
        String victim = blockedOn;
        var victimApp = victim.equals("worker-1") ? worker1 : worker2;
        victimApp.getBean(QueueWorkers.class).crash();

        assertThat(awaitTexts(session, 2)).containsExactly("block a. b. c", "d");
        assertThat(of(session)).allSatisfy(p -> assertThat(p.instance()).isNotEqualTo(victim));
        Eventually.settle(WINDOW.plusMillis(300));
        assertThat(of(session)).hasSize(2);
    }
}
