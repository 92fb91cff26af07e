package com.shopkeeper.queue;

import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.Turn;
import com.shopkeeper.conversation.TurnRepository;
import com.shopkeeper.messaging.InboundMessage;
import com.shopkeeper.messaging.MessageProcessor;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A processor that records what it processed, where, and how many of one shopper's messages ran
 * at once; it fails or blocks on command. Static state: every instance in the JVM reports here.
 */
final class RecordingProcessor implements MessageProcessor {

    record Processed(String instance, String shopper, String text, String platformMessageId) {
    }

    static final Queue<Processed> PROCESSED = new ConcurrentLinkedQueue<>();
    static final Map<String, AtomicInteger> IN_FLIGHT = new ConcurrentHashMap<>();
    static final AtomicInteger MAX_PER_SHOPPER = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    static final AtomicBoolean FAIL_ALWAYS = new AtomicBoolean(true);
    static final AtomicBoolean BLOCK_ONCE = new AtomicBoolean(true);
    static final CountDownLatch BLOCKED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static volatile String blockedOn;

    private final String instance;
    private final Supplier<TurnRepository> turns;
    private final Supplier<TransactionTemplate> tx;

    RecordingProcessor(String instance, Supplier<TurnRepository> turns, Supplier<TransactionTemplate> tx) {
        this.instance = instance;
        this.turns = turns;
        this.tx = tx;
    }

    @Override
    public Conversation process(Turn turn, InboundMessage message, Conversation conversation) {
        int mine = IN_FLIGHT.computeIfAbsent(message.shopperAddress(), a -> new AtomicInteger()).incrementAndGet();
        MAX_PER_SHOPPER.accumulateAndGet(mine, Math::max);
        MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            String text = message.text();
            if (text.startsWith("block") && BLOCK_ONCE.compareAndSet(true, false)) {
                blockedOn = instance;
                BLOCKED.countDown();
                RELEASE.await();
            }
            if (text.startsWith("fail-once") && FAILED_ONCE.add(message.platformMessageId())) {
                throw new IllegalStateException("failing once on purpose");
            }
            if (text.startsWith("fail-always") && FAIL_ALWAYS.get()) {
                throw new IllegalStateException("failing on purpose");
            }
            Thread.sleep(3); // long enough for other shoppers' messages to overlap
            tx.get().executeWithoutResult(s -> turns.get().step(turn, 0, null, List.of(Turn.Reply.of("ok", List.of())), true));
            PROCESSED.add(new Processed(instance, message.shopperAddress(), text, message.platformMessageId()));
            return conversation;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted (the worker was killed)", e);
        } finally {
            RUNNING.decrementAndGet();
            IN_FLIGHT.get(message.shopperAddress()).decrementAndGet();
        }
    }

    static List<String> textsOf(String shopper) {
        return PROCESSED.stream().filter(p -> p.shopper().equals(shopper)).map(Processed::text).toList();
    }
}
