package com.shopkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A writer that meets SQLite's write lock waits for it, and gives up after the busy timeout. */
class SqliteBusyWaitTest {

    Path file;

    @BeforeEach
    void database() throws Exception {
        file = Files.createTempDirectory("busy-wait").resolve("t.db");
        try (Connection c = connect(Duration.ofSeconds(5)); Statement s = c.createStatement()) {
            s.execute("create table t (n integer)");
        }
    }

    Connection connect(Duration busyTimeout) throws SQLException {
        DataSource ds = DatabaseConfig.sqliteDataSource(
                DatabaseConfig.sqliteUrl(new DbProperties("jdbc:sqlite:" + file, 1, 30_000, DataSize.ofGigabytes(1))), busyTimeout);
        return ds.getConnection();
    }

    @Test
    void connectionsHaveTheUrlsSettings() throws Exception {
        try (Connection c = connect(Duration.ofSeconds(5)); Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "synchronous")).isEqualTo("1");   // NORMAL
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
            // Reads through the operating system's shared page cache (shopkeeper.db.mmap-size, 1 GB).
            assertThat(pragma(s, "mmap_size")).isEqualTo(Long.toString(DataSize.ofGigabytes(1).toBytes()));
        }
        // IMMEDIATE transactions: beginning one takes the write lock, before any statement.
        try (Connection holder = connect(Duration.ofSeconds(5)); Connection writer = connect(Duration.ofMillis(100))) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("select count(*) from t").close();
            assertThatThrownBy(() -> writer.createStatement().executeUpdate("insert into t values (3)"))
                    .hasMessageContaining("SQLITE_BUSY");
            holder.rollback();
        }
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (var rs = s.executeQuery("pragma " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aWriterWaitsWhileAnotherHoldsTheLockThenWrites() throws Exception {
        try (Connection holder = connect(Duration.ofSeconds(5)); Connection writer = connect(Duration.ofSeconds(5))) {
            holder.setAutoCommit(false);   // IMMEDIATE: the write lock is taken here
            holder.createStatement().execute("insert into t values (1)");
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> insert(writer, 2));
            Thread.sleep(100);
            assertThat(waiting).as("still waiting for the lock").isNotDone();
            holder.setAutoCommit(true);    // commits and releases
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            try (var rs = holder.createStatement().executeQuery("select count(*) from t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aWriterGivesUpWithBusyAfterTheTimeout() throws Exception {
        try (Connection holder = connect(Duration.ofSeconds(5)); Connection writer = connect(Duration.ofMillis(200))) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("insert into t values (1)");
            // The handler's 200 ms, not the URL's 30 s busy_timeout, which it replaces.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> writer.createStatement().executeUpdate("insert into t values (2)"))
                            .isInstanceOf(SQLException.class).hasMessageContaining("SQLITE_BUSY"));
            holder.rollback();
        }
    }

    private static int insert(Connection c, int n) {
        try {
            return c.createStatement().executeUpdate("insert into t values (" + n + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
