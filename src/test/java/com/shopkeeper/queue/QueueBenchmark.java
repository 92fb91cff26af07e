package com.shopkeeper.queue;

import com.shopkeeper.crypto.TestCiphers;
import com.shopkeeper.engine.EngineProperties;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.Inbox.Admission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The queue on a Redis Cluster, unsharded and in one shard per node (./sk -Pbench-queue verify):
 * three local masters (as {@link RedisClusterTest} starts them, append-only file fsynced at every
 * write), the queue's own scripts through Lettuce, no web server and no processing. Two figures per
 * shard count:
 * <ul>
 * <li><b>enqueue</b>: admissions a second (de-duplication, the shopper's limit, the global limit and
 * the push, sealed as the gateway seals them) from {@code bench.senders} threads;</li>
 * <li><b>round trip</b>: messages a second admitted, taken and acknowledged while senders and
 * {@code bench.takers} takers run at once, with each message's time from admission to its ack.</li>
 * </ul>
 * <p>On a small machine the senders and takers here (sealing, JSON, the client) run out of CPU before
 * Redis does, so the messages a second are this client's, not the cluster's. What the cluster can
 * take is bounded by its busiest node: each node's main-thread CPU (Redis's own {@code INFO cpu})
 * per message gives the rate at which the busiest one would be busy all the time, however many
 * gateways and workers feed it. That ceiling, per shard count, is what sharding is for.
 */
public final class QueueBenchmark {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 30_000);
    private static final int SENDERS = Integer.getInteger("bench.senders", 16);
    private static final int TAKERS = Integer.getInteger("bench.takers", 16);
    private static final int SHOPPERS = 5_000;

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LocalRedisCluster.requireTools();
        System.out.printf("queue benchmark: %d messages, %d senders, %d takers, %d shoppers, %d cores%n", MESSAGES, SENDERS,
                TAKERS, SHOPPERS, Runtime.getRuntime().availableProcessors());
        try (var cluster = LocalRedisCluster.start(List.of(17111, 17112, 17113))) {
            for (int round = 0; round < 2; round++) {
                for (int shards : new int[] {1, 3}) {
                    cluster.flushAll();
                    run(cluster, shards, round == 0);
                }
            }
        }
        System.exit(0); // Lettuce's event loops are not daemons
    }

    private static void run(LocalRedisCluster cluster, int shards, boolean warmup) throws Exception {
        var factory = new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(cluster.nodes().split(","))));
        factory.afterPropertiesSet();
        factory.start();
        try {
            var redis = new StringRedisTemplate(factory);
            var props = new QueueProperties(32, 4, 5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(15),
                    Duration.ofDays(1), 100, 1_000_000, Duration.ofSeconds(5), Duration.ofDays(1), Duration.ofDays(1),
                    Duration.ofSeconds(5), shards);
            var queue = new MessageQueue(redis, factory, props, new RateLimitProperties(1_000_000, 1_000_000),
                    new EngineProperties(8, 1000, 5, "the shop", Duration.ZERO, 5), new QueueSeal(TestCiphers.fresh()),
                    Clock.systemUTC());
            List<InboundMessage> messages = messages(MESSAGES);

            long started = System.nanoTime();
            send(queue, messages);
            double enqueueSeconds = (System.nanoTime() - started) / 1e9;
            drain(queue, messages.size(), null);

            List<InboundMessage> more = messages(MESSAGES);
            long[] latencies = new long[more.size()];
            double[] cpuBefore = cluster.mainThreadCpu();
            started = System.nanoTime();
            Thread takers = Thread.ofPlatform().start(() -> drain(queue, more.size(), latencies));
            send(queue, more);
            takers.join();
            double roundSeconds = (System.nanoTime() - started) / 1e9;
            double[] cpu = cluster.mainThreadCpu();
            for (int i = 0; i < cpu.length; i++) {
                cpu[i] -= cpuBefore[i];
            }
            double busiest = Arrays.stream(cpu).max().orElseThrow();
            Arrays.sort(latencies);
            if (!warmup) {
                System.out.printf("%d shard(s): enqueue %,.0f msg/s; round trip %,.0f msg/s, admission to ack p50 %d ms, p99 %d ms%n",
                        shards, messages.size() / enqueueSeconds, more.size() / roundSeconds,
                        latencies[latencies.length / 2], latencies[(int) (latencies.length * 0.99)]);
                // A node saturates when its main thread is busy all the time: its CPU per message bounds
                // what the cluster can take however many gateways and workers feed it.
                System.out.printf("   nodes' CPU per 1,000 round trips: %s ms; the busiest node saturates at %,.0f msg/s%n",
                        Arrays.toString(Arrays.stream(cpu).mapToLong(c -> Math.round(c * 1e6 / more.size())).toArray()),
                        more.size() / busiest);
            }
        } finally {
            factory.destroy();
        }
    }

    private static List<InboundMessage> messages(int n) {
        List<InboundMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new InboundMessage("twilio", "SM" + UUID.randomUUID().toString().replace("-", ""),
                    "whatsapp:+1555" + String.format("%07d", i % SHOPPERS), "Ada", "do you have a blue sofa under 500?", List.of()));
        }
        return out;
    }

    private static void send(MessageQueue queue, List<InboundMessage> messages) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                    Admission admitted = queue.admit(messages.get(i));
                    if (admitted != Admission.ENQUEUED) {
                        throw new IllegalStateException("message " + i + " was " + admitted);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Takes and acknowledges {@code count} messages with the takers; records each one's time from admission to ack. */
    private static void drain(MessageQueue queue, int count, long[] latencies) {
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(TAKERS);
        for (int t = 0; t < TAKERS; t++) {
            int home = t;
            Thread.ofPlatform().start(() -> {
                // As QueueWorkers takes: when every shard is empty, wait on the home shard rather than poll.
                Shard shard = queue.shards().get(home % queue.shards().size());
                try (MessageQueue.Waiter waiter = queue.waiter()) {
                    int from = home;
                    while (done.get() < count) {
                        MessageQueue.Attempt attempt = queue.take("bench", from++);
                        if (attempt.taken() == null && attempt.idle()) {
                            waiter.awaitWork(shard, Duration.ofMillis(100));
                        }
                        for (MessageQueue.Taken t2 = attempt.taken(); t2 != null; t2 = queue.ack("bench", t2)) {
                            long n = done.getAndIncrement();
                            if (latencies != null && n < latencies.length) {
                                latencies[(int) n] = System.currentTimeMillis() - t2.item().at();
                            }
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
