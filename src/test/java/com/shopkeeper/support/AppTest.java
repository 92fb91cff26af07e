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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Twilio is configured (below), so the sandbox and the chat simulator are on only when asked for:
        // the shared app runs both, as a demo beside a real platform would. Here rather than in the dynamic
        // properties, so that a test class's own (e.g. provider=stripe) take precedence.
        "shopkeeper.payment.provider=sandbox",
        "shopkeeper.simulator.enabled=true"})
public abstract class AppTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    protected static final Path DATA = tempDir();
    /** Redis database 1 of the machine's Redis: flushed once, when the first test context starts. */
    public static final String REDIS_URL = TestRedis.url(1);
    /** Twilio's API, played by WireMock from wiremock-stubs/twilio. */
    protected static final TwilioStub TWILIO = TwilioStub.start();

    static {
        TestRedis.flush(REDIS_URL);
    }

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
        registry.add("spring.data.redis.url", () -> REDIS_URL);
        // The shared test app exercises the pipeline with the echo processor (replies are predictable);
        // the conversation engine has its own contexts (engine/*Test) over the same pipeline.
        registry.add("shopkeeper.processor", () -> "echo");
        TWILIO.configure(registry);
        // Quick retries and reaping, so that the pipeline's failure paths run in test time.
        registry.add("shopkeeper.queue.retry-backoff", () -> "100ms");
        registry.add("shopkeeper.queue.max-attempts", () -> "3");
        registry.add("shopkeeper.queue.heartbeat", () -> "200ms");
        registry.add("shopkeeper.queue.stale-after", () -> "5s");
        registry.add("shopkeeper.rate-limit.per-shopper-per-hour", () -> "60");
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
