package com.shopkeeper.config;

import static com.shopkeeper.db.Tables.PAYMENT_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.shopkeeper.catalog.ProductDraft;
import com.shopkeeper.catalog.ProductRepository;
import com.shopkeeper.conversation.Conversation;
import com.shopkeeper.conversation.ConversationRepository;
import com.shopkeeper.conversation.State;
import com.shopkeeper.conversation.Transition;
import com.shopkeeper.conversation.TransitionLog;
import com.shopkeeper.money.Money;
import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.TestDatabases;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many workers write to one SQLite file at once, through the application's pool and through a
 * second pool standing in for a second process. None may fail with SQLITE_BUSY, nothing may be lost.
 */
@SpringBootTest
class ConcurrentSqliteWritersTest {

    static final Path DIR = TestDatabases.tempDir("sk-concurrency");
    static final int WRITERS = 16;
    static final int TRANSACTIONS_EACH = 40;

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, DIR);
    }

    @Autowired TransactionTemplate tx;
    @Autowired ProductRepository products;
    @Autowired ShopperRepository shoppers;
    @Autowired ConversationRepository conversations;
    @Autowired TransitionLog transitions;
    @Autowired DbProperties db;

    @Test
    void concurrentWritersNeverFailWithBusyAndLoseNothing() throws Exception {
        // Another instance of the application on the same file: the same connections, busy handler and all.
        var secondConfig = new HikariConfig();
        secondConfig.setDataSource(DatabaseConfig.sqliteDataSource(DatabaseConfig.sqliteUrl(db),
                java.time.Duration.ofMillis(db.busyTimeoutMillis())));
        secondConfig.setMaximumPoolSize(4);
        try (var secondPool = new HikariDataSource(secondConfig)) {
            var otherProcess = DSL.using(secondPool, SQLDialect.SQLITE);
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            List<Future<?>> futures = new ArrayList<>();
            List<Conversation> convs = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                convs.add(conversations.create(shoppers.touch("web:writer-" + w, null).id(), "web"));
            }
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    try {
                        start.await();
                        Conversation c = convs.get(writer);
                        for (int i = 0; i < TRANSACTIONS_EACH; i++) {
                            Conversation current = c;
                            // A read followed by writes in one transaction: the case that defeats a
                            // plain busy timeout in WAL mode (the read lock cannot be upgraded).
                            c = tx.execute(s -> {
                                Conversation read = conversations.find(current.id()).orElseThrow();
                                products.insert(new ProductDraft(null, "w" + writer + "-" + read.version(), "", Money.of("1.00", "USD"),
                                        List.of("Load"), null, true, Map.of()));
                                transitions.append(read.id(), read.state(), "add_to_cart", State.CART, Transition.Outcome.APPLIED, null, null);
                                return conversations.save(read.withState(State.CART));
                            });
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                    return null;
                }));
            }
            // The "other process" writes through its own connections meanwhile.
            futures.add(pool.submit(() -> {
                try {
                    start.await();
                    for (int i = 0; i < TRANSACTIONS_EACH * 2; i++) {
                        otherProcess.transaction(conf -> DSL.using(conf).insertInto(PAYMENT_EVENTS)
                                .set(PAYMENT_EVENTS.PROVIDER, "other")
                                .set(PAYMENT_EVENTS.EVENT_ID, "evt-" + java.util.UUID.randomUUID())
                                .set(PAYMENT_EVENTS.EVENT_TYPE, "test")
                                .set(PAYMENT_EVENTS.RECEIVED_AT, java.time.Instant.now())
                                .execute());
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(failures).isEmpty();
            for (Conversation c : convs) {
                assertThat(conversations.find(c.id()).orElseThrow().version()).isEqualTo(TRANSACTIONS_EACH);
                assertThat(transitions.forConversation(c.id())).hasSize(TRANSACTIONS_EACH);
            }
            assertThat(products.count()).isEqualTo((long) WRITERS * TRANSACTIONS_EACH);
            assertThat(otherProcess.fetchCount(PAYMENT_EVENTS)).isEqualTo(TRANSACTIONS_EACH * 2);
        }
    }
}
