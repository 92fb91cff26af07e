package com.shopkeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.messaging.MessageProcessor;
import com.shopkeeper.support.AppTest;
import com.shopkeeper.support.Eventually;
import com.shopkeeper.support.Http;
import com.shopkeeper.support.TestApps;
import com.shopkeeper.support.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue across instances: a stateless gateway and two worker instances (three application
 * contexts) share Redis database 2, as separate jars would, with the queue in three shards (every
 * other application test runs it unsharded).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueueWorkersTest {

    static final String REDIS = TestRedis.url(2);
    static final int SHARDS = 3;
    static ConfigurableApplicationContext gateway;
    static ConfigurableApplicationContext worker1;
    static ConfigurableApplicationContext worker2;
    static Http http;

    @BeforeAll
    static void startInstances() throws Exception {
        TestRedis.flush(REDIS);
        Path data = Files.createTempDirectory("shopkeeper-queue-test");
        gateway = start(data, "gateway", "gateway");
        worker1 = start(data, "worker-1", "worker");
        worker2 = start(data, "worker-2", "worker");
        http = new Http("http://localhost:" + TestApps.port(gateway), JsonMapper.builder().build());
    }

    static ConfigurableApplicationContext start(Path data, String name, String roles) {
        return TestApps.start(data, REDIS, Map.of("shopkeeper.roles", roles, "shopkeeper.queue.workers", "8",
                        "shopkeeper.queue.shards", Integer.toString(SHARDS),
                        "shopkeeper.processor", "registered-by-test"),
                ctx -> ctx.registerBean(MessageProcessor.class,
                        () -> new RecordingProcessor(name, () -> ctx.getBean(TurnRepository.class),
                                () -> ctx.getBean(TransactionTemplate.class))));
    }

    @AfterAll
    static void stopInstances() {
        RecordingProcessor.RELEASE.countDown();
        for (var app : new ConfigurableApplicationContext[] {worker1, worker2, gateway}) {
            if (app != null) {
                app.close();
            }
        }
    }

    static String newSession() {
        return UUID.randomUUID().toString();
    }

    /**
     * {@code count} new sessions spread over every shard, at most four in one (ten random ones leave a
     * shard empty about one run in thirty, and the test checks that every shard carried work).
     */
    static List<String> sessionsInEveryShard(int count) {
        QueueSeal seal = worker1.getBean(QueueSeal.class);
        List<Shard> shards = worker1.getBean(MessageQueue.class).shards();
        int[] inShard = new int[shards.size()];
        List<String> sessions = new ArrayList<>();
        while (sessions.size() < count) {
            String session = newSession();
            int shard = Shard.of(seal.shopperKey("web", "web:" + session), shards).index();
            if (inShard[shard] < 4) {
                inShard[shard]++;
                sessions.add(session);
            }
        }
        return sessions;
    }

    static String send(String session, String text) {
        return send(session, UUID.randomUUID().toString(), text);
    }

    static String send(String session, String id, String text) {
        var response = http.withHeader("X-Simulator-Session", session)
                .postJson("/webhook/web", Map.of("id", id, "text", text));
        assertThat(response.status()).isEqualTo(200);
        return "web-" + id;
    }

    static List<String> awaitTexts(String session, int count) {
        return Eventually.until(() -> {
            List<String> texts = RecordingProcessor.textsOf("web:" + session);
            return texts.size() >= count ? texts : null;
        }, count + " messages of " + session);
    }

    @Test
    @Order(1)
    void gatewayOnlyInstanceRunsNoWorkers() {
        assertThat(gateway.getBeanNamesForType(QueueWorkers.class)).isEmpty();
        assertThat(worker1.getBeanNamesForType(QueueWorkers.class)).hasSize(1);
    }

    @Test
    @Order(2)
    void twoInstancesShareTheWorkAndEachShoppersMessagesRunInOrderOneAtATime() throws Exception {
        String busy = newSession();
        List<String> others = sessionsInEveryShard(10);
        List<Thread> senders = new ArrayList<>();
        senders.add(Thread.ofVirtual().start(() -> IntStream.rangeClosed(1, 50).forEach(i -> send(busy, "burst " + i))));
        for (String other : others) {
            senders.add(Thread.ofVirtual().start(() -> IntStream.rangeClosed(1, 5).forEach(i -> send(other, "other " + i))));
        }
        for (Thread t : senders) {
            t.join();
        }

        assertThat(awaitTexts(busy, 50)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 50).mapToObj(i -> "burst " + i).toList());
        for (String other : others) {
            assertThat(awaitTexts(other, 5)).containsExactly("other 1", "other 2", "other 3", "other 4", "other 5");
        }
        assertThat(RecordingProcessor.MAX_PER_SHOPPER.get()).as("one shopper's messages never run at once").isEqualTo(1);
        assertThat(RecordingProcessor.MAX_RUNNING.get()).as("different shoppers run in parallel").isGreaterThan(1);
        List<String> shoppers = new ArrayList<>(others.stream().map(o -> "web:" + o).toList());
        shoppers.add("web:" + busy);
        var mine = RecordingProcessor.PROCESSED.stream().filter(p -> shoppers.contains(p.shopper())).toList();
        var byInstance = mine.stream()
                .collect(Collectors.groupingBy(RecordingProcessor.Processed::instance, Collectors.counting()));
        assertThat(byInstance).as("both worker instances took work").containsOnlyKeys("worker-1", "worker-2");
        var ids = mine.stream().map(RecordingProcessor.Processed::platformMessageId).toList();
        assertThat(ids).hasSize(100).doesNotHaveDuplicates();

        // The others were not queued behind the burst: the last of them finished before the burst did.
        List<String> order = mine.stream().map(p -> p.shopper() + "|" + p.text()).toList();
        int lastOther = others.stream().mapToInt(o -> order.indexOf("web:" + o + "|other 5")).max().orElseThrow();
        assertThat(lastOther).isLessThan(order.indexOf("web:" + busy + "|burst 50"));

        MessageQueue queue = worker1.getBean(MessageQueue.class);
        StringRedisTemplate redis = worker1.getBean(StringRedisTemplate.class);
        assertThat(queue.shards()).hasSize(SHARDS).allSatisfy(shard -> {
            assertThat(redis.opsForSet().members(shard.holders())).as("instances that took from " + shard.queue()).isNotEmpty();
            assertThat(redis.opsForHash().entries(shard.locks())).isEmpty();
        });
        assertThat(http.withToken(AppTest.ADMIN_TOKEN).get("/api/admin/queue").json().get("shards").asInt()).isEqualTo(SHARDS);
    }

    @Test
    @Order(3)
    void failedMessageIsRetriedThenDeadLetteredWhileTheShoppersLaterMessagesWaitBehindIt() {
        String session = newSession();
        send(session, "fail-once A");
        send(session, "after A");
        assertThat(awaitTexts(session, 2)).containsExactly("fail-once A", "after A");

        String doomed = send(session, "fail-always B");
        send(session, "after B");
        assertThat(awaitTexts(session, 3)).containsExactly("fail-once A", "after A", "after B");

        Http admin = http.withToken(AppTest.ADMIN_TOKEN);
        var dead = Eventually.until(() -> {
            for (var d : admin.get("/api/admin/queue/dead").json()) {
                if (doomed.equals(d.get("platform_message_id").asString())) {
                    return d;
                }
            }
            return null;
        }, "the dead letter");
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("error").asString()).isEqualTo("IllegalStateException");

        RecordingProcessor.FAIL_ALWAYS.set(false);
        var replayed = admin.post("/api/admin/queue/dead/replay?id=" + dead.get("id").asString(), "application/json", "");
        assertThat(replayed.json().get("replayed").asInt()).isEqualTo(1);
        assertThat(awaitTexts(session, 4)).containsExactly("fail-once A", "after A", "after B", "fail-always B");
    }

    @Test
    @Order(4)
    void workerKilledMidMessageHasItRedeliveredAndProcessedOnce() throws Exception {
        String session = newSession();
        String blockedId = send(session, "block me");   // answered while the processor is still busy with it
        send(session, "after the crash");
        RecordingProcessor.BLOCKED.await();
        String victim = RecordingProcessor.blockedOn;
        var victimApp = victim.equals("worker-1") ? worker1 : worker2;
        victimApp.getBean(QueueWorkers.class).crash();

        assertThat(awaitTexts(session, 2)).containsExactly("block me", "after the crash");
        var blockRuns = RecordingProcessor.PROCESSED.stream()
                .filter(p -> p.platformMessageId().equals(blockedId)).toList();
        assertThat(blockRuns).hasSize(1);
        assertThat(blockRuns.getFirst().instance()).isNotEqualTo(victim);
        Eventually.until(() -> victimApp.getBean(MessageQueue.class).stats().get("workers") == 1);
    }

    @Test
    @Order(5)
    void aMessageAdmittedAgainAfterRedisForgotItsIdIsProcessedOnce() {
        String session = newSession();
        String id = UUID.randomUUID().toString();
        send(session, id, "remember me");
        assertThat(awaitTexts(session, 1)).containsExactly("remember me");
        StringRedisTemplate redis = gateway.getBean(StringRedisTemplate.class);
        var seen = redis.keys("seen:*:web-" + id);
        assertThat(seen).as("the gateway's memory of the id").hasSize(1);
        redis.delete(seen);

        send(session, id, "remember me");   // admitted again: a first delivery as far as the queue knows
        send(session, "and then");
        assertThat(awaitTexts(session, 2)).containsExactly("remember me", "and then");
        assertThat(RecordingProcessor.PROCESSED).filteredOn(p -> p.platformMessageId().equals("web-" + id)).hasSize(1);
        // Its recording failed on the unique id, and the retry found it processed: nothing dead-lettered.
        var dead = http.withToken(AppTest.ADMIN_TOKEN).get("/api/admin/queue/dead").json();
        dead.forEach(d -> assertThat(d.get("platform_message_id").asString()).isNotEqualTo("web-" + id));
    }
}
