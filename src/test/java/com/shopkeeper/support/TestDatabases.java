package com.shopkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Database set-ups for tests that need their own: a fresh SQLite file, or a fresh PostgreSQL schema. */
public final class TestDatabases {

    /** The PostgreSQL that this kind of machine runs (trust auth, database test); override with SHOPKEEPER_TEST_PG_URL. */
    public static final String POSTGRES_URL = System.getenv().getOrDefault("SHOPKEEPER_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Common properties for an isolated application: its own keys, a known admin token, no demo seed. */
    public static void isolated(DynamicPropertyRegistry registry, Path dir) {
        registry.add("shopkeeper.crypto.key-dir", () -> dir.resolve("keys").toString());
        registry.add("shopkeeper.admin.bootstrap-token", () -> AppTest.ADMIN_TOKEN);
        registry.add("shopkeeper.catalog.seed-demo", () -> "false");
    }

    public static void sqlite(DynamicPropertyRegistry registry, Path dir) {
        isolated(registry, dir);
        registry.add("shopkeeper.db.url", () -> "jdbc:sqlite:" + dir.resolve("shopkeeper.db"));
    }

    /** A new, empty schema in the test PostgreSQL, selected by the JDBC URL alone. */
    public static void postgres(DynamicPropertyRegistry registry, Path dir) {
        isolated(registry, dir);
        String schema = "sk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(POSTGRES_URL); var s = c.createStatement()) {
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage(), e);
        }
        registry.add("shopkeeper.db.url", () -> POSTGRES_URL + "&currentSchema=" + schema);
    }

    /**
     * A new, empty database of its own in the test PostgreSQL, for applications that share it while
     * no other test can see it; answers its JDBC URL. {@link #dropPostgresDatabase} removes it.
     */
    public static String createPostgresDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var c = DriverManager.getConnection(POSTGRES_URL); var s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is not reachable: " + e.getMessage(), e);
        }
        return POSTGRES_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /** Drops a database made by {@link #createPostgresDatabase}, cutting whatever is still connected to it. */
    public static void dropPostgresDatabase(String url) {
        String name = url.replaceFirst("^.*//[^/]+/([^/?]+).*$", "$1");
        try (var c = DriverManager.getConnection(POSTGRES_URL); var s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + name + ": " + e.getMessage(), e);
        }
    }
}
