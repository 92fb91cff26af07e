package com.shopkeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on a random port, over a fresh SQLite file in a temp directory (shared by
 * every test class that uses this base, because Spring caches the context: use unique names and
 * skus, never assume empty tables). Talk to it through {@link #http()}, its real HTTP interface.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AppTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    protected static final Path DATA = tempDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void appProperties(DynamicPropertyRegistry registry) {
        registry.add("shopkeeper.db.url", () -> "jdbc:sqlite:" + DATA.resolve("shopkeeper.db"));
        registry.add("shopkeeper.crypto.key-dir", () -> DATA.resolve("keys").toString());
        registry.add("shopkeeper.admin.bootstrap-token", () -> ADMIN_TOKEN);
        registry.add("shopkeeper.catalog.seed-demo", () -> "false");
    }

    protected Http http() {
        return new Http("http://localhost:" + port, json);
    }

    protected Http admin() {
        return http().withToken(ADMIN_TOKEN);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("shopkeeper-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
