package com.shopkeeper.queue;

import com.shopkeeper.config.ConditionalOnRole;
import com.shopkeeper.messaging.InboundHandler;
import com.shopkeeper.messaging.InboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker pool of one instance: a taker thread claims items (one atomic script: take, lock the
 * shopper, or park the item behind the shopper's earlier ones) and hands each to a worker thread;
 * at most {@code shopkeeper.queue.workers} run at once. A housekeeping thread beats the heart,
 * promotes due retries and reaps instances that died mid-message. Any number of instances share
 * one Redis: the locks and the queue are there, not here.
 *
 * <p>A burst ({@code shopkeeper.engine.burst-window}) waits in Redis, not here: a message put aside to
 * gather one costs no worker and no permit, and an idle taker wakes when the first burst is due
 * ({@link MessageQueue#idleWait}). A burst is handed to one worker as one {@link MessageQueue.Taken}
 * and to the {@link InboundHandler} as one list, which answers it as one turn.
 *
 * <p>With several shards ({@code shopkeeper.queue.shards}) every shard has a taker waiting on it (at
 * least one taker per shard), and each look goes round all shards from a start that moves on, so
 * that a busy shard does not keep the others waiting.
 */
@Component
@ConditionalOnRole("worker")
class QueueWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorkers.class);

    private final MessageQueue queue;
    private final InboundHandler handler;
    private final QueueProperties props;
    private final String instance = UUID.randomUUID().toString().substring(0, 13);
    private final Semaphore permits;
    private final Counter processed;
    private final Counter retried;
    private final Counter dead;
    private final Timer roundTrip;
    private final Timer waited;
    private final Clock clock;
    private volatile boolean running;
    private ExecutorService pool;
    private List<Thread> takers = List.of();
    private Thread housekeeper;

    QueueWorkers(MessageQueue queue, InboundHandler handler, QueueProperties props, MeterRegistry metrics, Clock clock) {
        this.queue = queue;
        this.clock = clock;
        this.roundTrip = Timer.builder("shopkeeper.queue.round-trip")
                .description("from the webhook's admission to the reply handed to the platform")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.waited = Timer.builder("shopkeeper.queue.wait")
                .description("from the webhook's admission to a worker starting on the message")
                .publishPercentileHistogram().register(metrics);
        this.handler = handler;
        this.props = props;
        this.permits = new Semaphore(props.workers());
        this.processed = Counter.builder("shopkeeper.queue.processed").tag("outcome", "ok").register(metrics);
        this.retried = Counter.builder("shopkeeper.queue.processed").tag("outcome", "retry").register(metrics);
        this.dead = Counter.builder("shopkeeper.queue.processed").tag("outcome", "dead").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("shopkeeper.queue.depth", queue, q -> running ? q.depth() : 0)
                .description("messages waiting in message_queue (all shards)").register(metrics);
    }

    String instance() {
        return instance;
    }

    @Override
    public void start() {
        running = true;
        queue.heartbeat(instance);
        // Platform threads, not virtual ones: SQLite's JDBC driver is native code, and a virtual
        // thread waiting inside it (on the database lock) pins its carrier; with two cores, two such
        // workers would stall every virtual thread in the process, the web server's included.
        pool = Executors.newFixedThreadPool(props.workers(), Thread.ofPlatform().name("worker-", 0).daemon().factory());
        // Several takers, each with its own waiting connection: one take is a Redis round trip, and a
        // single taker that the scheduler sets aside for a moment lets the queue pile up behind it.
        List<Shard> shards = queue.shards();
        takers = IntStream.range(0, Math.max(props.takers(), shards.size()))
                .mapToObj(i -> Thread.ofPlatform().name("queue-taker-" + instance + "-" + i).daemon()
                        .start(() -> takeLoop(shards.get(i % shards.size()))))
                .toList();
        // A heartbeat that starves would get this instance reaped while it is alive.
        housekeeper = Thread.ofPlatform().name("queue-housekeeper").daemon().start(this::housekeeping);
        log.info("queue: worker instance {} started with {} workers on {} shard(s); {}", instance, props.workers(),
                shards.size(), queue.bursts());
    }

    /** Takes from every shard, waiting on {@code home} when all are empty. */
    private void takeLoop(Shard home) {
        MessageQueue.Waiter waiter = null;
        try {
            waiter = queue.waiter();
            takeLoop(home, waiter);
        } catch (RuntimeException e) {
            log.error("queue: the taker stopped ({})", e.getClass().getSimpleName(), e);
        } finally {
            if (waiter != null) {
                try {
                    waiter.close();
                } catch (RuntimeException e) {
                    log.debug("queue: closing the waiting connection failed ({})", e.getClass().getSimpleName());
                }
            }
        }
    }

    private void takeLoop(Shard home, MessageQueue.Waiter waiter) {
        int from = home.index();
        while (running) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean handedOver = false;
            try {
                MessageQueue.Attempt attempt = queue.take(instance, from++);
                MessageQueue.Taken taken = attempt.taken();
                if (taken != null) {
                    pool.execute(() -> {
                        try {
                            process(taken);
                        } finally {
                            permits.release();
                        }
                    });
                    handedOver = true;
                } else if (attempt.idle()) {
                    permits.release();
                    handedOver = true;
                    Duration wait = queue.idleWait(home);
                    if (wait.isPositive()) {
                        waiter.awaitWork(home, wait.compareTo(Duration.ofMillis(5)) < 0 ? Duration.ofMillis(5) : wait);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("queue: take failed ({}); trying again shortly", e.getClass().getSimpleName());
                sleep(Duration.ofMillis(200));
            } finally {
                if (!handedOver) {
                    permits.release();
                }
            }
        }
    }

    /** Processes an item (or a burst) and then, under the same lock, each of its shopper's items that waited. */
    private void process(MessageQueue.Taken first) {
        MessageQueue.Taken taken = first;
        while (taken != null) {
            QueueItem item = taken.item();
            long started = clock.millis();
            taken.items().forEach(i -> waited.record(Math.max(0, started - i.at()), TimeUnit.MILLISECONDS));
            MessageQueue.Taken done = taken;
            try {
                InboundMessage message = queue.message(item);
                if (QueueItem.THROTTLED.equals(item.kind())) {
                    handler.slowDown(item.p(), message.shopperAddress());
                } else if (taken.items().size() == 1) {
                    // The turn ledger makes this safe to repeat: a retry or a redelivery resumes the turn.
                    handler.handle(message);
                } else {
                    // A burst (only messages are gathered): one turn, as safe to repeat.
                    handler.handle(taken.items().stream().map(queue::message).toList());
                }
                processed.increment(taken.items().size());
                long answered = clock.millis();
                taken.items().forEach(i -> roundTrip.record(Math.max(0, answered - i.at()), TimeUnit.MILLISECONDS));
            } catch (RuntimeException e) {
                if (!running) {
                    // Stopping mid-message: it stays in flight, and leaving hands it back to the queue.
                    return;
                }
                taken = failed(done, e);
                continue;
            }
            taken = untilRedisTakes("ack", () -> queue.ack(instance, done));
        }
    }

    private MessageQueue.Taken failed(MessageQueue.Taken taken, RuntimeException e) {
        QueueItem failed = taken.item().failed(e.getClass().getSimpleName());
        if (failed.att() >= props.maxAttempts()) {
            dead.increment();
            log.error("queue: item {} failed {} times, dead-lettered", failed.id(), failed.att(), e);
            return untilRedisTakes("dead-letter", () -> queue.deadLetter(instance, taken, failed));
        }
        Duration delay = props.retryBackoff().multipliedBy(1L << Math.min(failed.att() - 1, 10));
        retried.increment();
        log.warn("queue: item {} failed (attempt {}: {}); retry in {}", failed.id(), failed.att(),
                e.getClass().getSimpleName(), delay);
        untilRedisTakes("retry", () -> queue.retryLater(instance, taken, failed, delay));
        return null;
    }

    /**
     * Runs a queue call until Redis takes it: an ack or a retry that is lost leaves the item in
     * flight and its shopper locked until this instance is presumed dead, so a passing outage (Redis
     * restarting) is waited out rather than given up on. Gives up only when the worker is interrupted
     * (stopping past its wait); then leaving, or the reaper, hands the item back.
     */
    private <T> T untilRedisTakes(String what, java.util.function.Supplier<T> call) {
        Duration pause = Duration.ofMillis(50);
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (org.springframework.dao.DataAccessException | io.lettuce.core.RedisException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (attempt == 1 || attempt % 20 == 0) {
                    log.warn("queue: {} not taken by Redis ({}); trying again", what, e.getClass().getSimpleName());
                }
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : pause.multipliedBy(2);
            }
        }
    }

    private void housekeeping() {
        long beats = 0;
        while (running) {
            try {
                queue.heartbeat(instance);
                queue.promoteDue();
                if (beats % 2 == 0) {
                    long redelivered = queue.reapStale(instance);
                    if (redelivered > 0) {
                        log.warn("queue: redelivered {} in-flight messages of instances that stopped", redelivered);
                    }
                }
                if (beats % 240 == 0) {
                    long forgotten = queue.trimExpired();
                    if (forgotten > 0) {
                        log.info("queue: forgot {} dead or dropped messages past their retention", forgotten);
                    }
                }
                beats++;
            } catch (RuntimeException e) {
                log.warn("queue: housekeeping failed ({})", e.getClass().getSimpleName());
            }
            sleep(props.heartbeat().dividedBy(4).compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : props.heartbeat().dividedBy(4));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A graceful stop: take nothing more, let the turns in flight finish for up to
     * {@code shopkeeper.queue.drain-timeout}, then leave. Leaving hands back, in one step, whatever
     * this instance still holds (turns running past the wait, an item a taker claimed as the pool
     * closed, an ack Redis never took): its items go back to the queue and its shoppers' locks are
     * released, before the workers still running are interrupted. Another instance takes those turns
     * up where the ledger says they stopped; nobody is left parked behind a lock.
     */
    @Override
    public void stop() {
        running = false;
        takers.forEach(Thread::interrupt);
        housekeeper.interrupt();
        pool.shutdown();
        boolean drained = false;
        try {
            for (Thread taker : takers) {
                taker.join(Duration.ofSeconds(2));
            }
            drained = pool.awaitTermination(props.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leave();
        if (!drained) {
            pool.shutdownNow();
        }
        log.info("queue: worker instance {} stopped{}", instance, drained ? "" : " (turns still running were handed back)");
    }

    private void leave() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                long handedBack = queue.leave(instance);
                if (handedBack > 0) {
                    log.warn("queue: instance {} handed back {} message(s) still in flight", instance, handedBack);
                }
                return;
            } catch (RuntimeException e) {
                log.warn("queue: could not leave yet ({}), attempt {} of 10", e.getClass().getSimpleName(), attempt);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        log.warn("queue: instance {} could not deregister; other instances' reapers will hand back what it holds", instance);
    }

    /** Simulates a crash for tests: stops taking and beating without finishing or deregistering. */
    void crash() {
        running = false;
        takers.forEach(Thread::interrupt);
        housekeeper.interrupt();
        pool.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop taking before the web server and the Redis connections go away.
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
