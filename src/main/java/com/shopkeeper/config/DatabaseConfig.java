package com.shopkeeper.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.jooq.conf.Settings;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One pool for either engine. SQLite gets the settings that make many concurrent writers safe:
 * WAL (readers never block the writer), a busy timeout (a writer waits for the lock instead of
 * failing), and IMMEDIATE transactions: a transaction takes the write lock when it begins, so it
 * can never hit SQLITE_BUSY later when it upgrades a read lock, which the busy timeout cannot cure.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean
    DataSource dataSource(DbProperties db) {
        var config = new HikariConfig();
        config.setPoolName("shopkeeper-db");
        config.setMaximumPoolSize(db.poolSize());
        if (db.isSqlite()) {
            config.setDataSource(sqliteDataSource(sqliteUrl(db), Duration.ofMillis(db.busyTimeoutMillis())));
            log.info("database: SQLite file {}", sqliteFile(db.url()));
        } else {
            config.setJdbcUrl(db.url());
            log.info("database: {}", db.url().replaceAll("(?i)(password=)[^&;]*", "$1***"));
        }
        return new HikariDataSource(config);
    }

    /** On SQLite, transactions that release the write lock at commit ({@link SqliteTransactionManager}). */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, DbProperties db,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = db.isSqlite() ? new SqliteTransactionManager(dataSource)
                : new JdbcTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /**
     * jOOQ without its per-statement extras: the debug logger listener (it is consulted on every
     * event of every statement even with debug off) and fetching JDBC warnings after each one. A
     * worker's time is mostly jOOQ rendering and running a few statements per message. Nor does a
     * record's insert read its row id back (on SQLite a second statement, "where _rowid_ =
     * last_insert_rowid()"): every key here is made by the application before the insert.
     */
    @Bean
    Settings jooqSettings() {
        return new Settings().withExecuteLogging(false).withFetchWarnings(false)
                .withReturnIdentityOnUpdatableRecord(false);
    }

    /**
     * sqlite-jdbc's data source, with a busy handler that waits in short steps ({@link SqliteBusyWait}),
     * handing out {@link SqliteConnection}s.
     * The URL's settings go into its configuration: given a configuration, sqlite-jdbc lets that
     * configuration's defaults (DEFERRED transactions among them) win over the URL's parameters.
     */
    static DataSource sqliteDataSource(String url, Duration busyTimeout) {
        int q = url.indexOf('?');
        Properties settings = new Properties();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    settings.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        SQLiteConfig config = new SQLiteConfig(settings);
        SQLiteDataSource sqlite = new SQLiteDataSource(config) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = new SqliteConnection(getUrl(), config.toProperties());
                BusyHandler.setHandler(connection, new SqliteBusyWait(busyTimeout));
                return connection;
            }
        };
        sqlite.setUrl(q >= 0 ? url.substring(0, q) : url);
        return sqlite;
    }

    static String sqliteUrl(DbProperties db) {
        Path file = sqliteFile(db.url());
        if (file != null && file.getParent() != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory for " + file, e);
            }
        }
        String url = db.url();
        String sep = url.contains("?") ? "&" : "?";
        StringBuilder params = new StringBuilder();
        addIfAbsent(url, params, "journal_mode", "WAL");
        addIfAbsent(url, params, "foreign_keys", "true");
        addIfAbsent(url, params, "busy_timeout", Integer.toString(db.busyTimeoutMillis()));
        addIfAbsent(url, params, "transaction_mode", "IMMEDIATE");
        addIfAbsent(url, params, "synchronous", "NORMAL");
        addIfAbsent(url, params, "mmap_size", Long.toString(db.mmapSize().toBytes()));
        return params.isEmpty() ? url : url + sep + params.substring(1);
    }

    private static void addIfAbsent(String url, StringBuilder params, String key, String value) {
        if (!url.contains(key + "=")) {
            params.append('&').append(key).append('=').append(value);
        }
    }

    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        String file = q >= 0 ? rest.substring(0, q) : rest;
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        return file.isEmpty() || file.equals(":memory:") ? null : Path.of(file);
    }
}
