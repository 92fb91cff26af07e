package com.shopkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shopkeeper.shopper.ShopperRepository;
import com.shopkeeper.support.AppTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a transaction commits, SQLite's write lock is free while the after-commit work runs (a
 * notice to a shopper, an event): another writer gets in at once. sqlite-jdbc's own commit()
 * would begin the next transaction and keep the lock until Spring's clean-up.
 */
class SqliteCommitReleasesLockTest extends AppTest {

    @Autowired TransactionTemplate tx;
    @Autowired ShopperRepository shoppers;

    @Test
    void anotherWriterGetsInDuringAfterCommitWork() {
        AtomicReference<Object> outcome = new AtomicReference<>();
        tx.executeWithoutResult(status -> {
            shoppers.touch("test:" + UUID.randomUUID(), "Lock");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    outcome.set(writeWithoutWaiting());
                }
            });
        });
        assertThat(outcome.get()).as("a write from another connection during after-commit work").isEqualTo(1);
    }

    @Test
    void aRollbackLeavesNothingAndReleasesTheLockToo() {
        String address = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            shoppers.touch(address, "Gone");
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");
        assertThat(shoppers.findByAddress(address)).isEmpty();
        assertThat(writeWithoutWaiting()).isEqualTo(1);
    }

    /**
     * One write on a connection of its own that fails at once, rather than wait, if the lock is taken;
     * tried a few times 20 ms apart, because the application's own background writers (the catalog's
     * indexer, the pollers) may hold the lock for a moment. A commit that kept the lock through the
     * after-commit work would fail every try: the work runs while it is held.
     */
    private Object writeWithoutWaiting() {
        Object last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + DATA.resolve("shopkeeper.db") + "?busy_timeout=0")) {
                return other.createStatement().executeUpdate(
                        "update conversations set updated_at = updated_at where id = 'no-such-conversation'") + 1;
            } catch (SQLException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }
}
