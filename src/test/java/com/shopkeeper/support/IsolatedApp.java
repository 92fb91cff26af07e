package com.shopkeeper.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The set-up of a test application that must not share anything with the others: its own SQLite
 * file and keys, its own Redis database (flushed here), its own Twilio stub.
 */
public record IsolatedApp(Path dir, String redisUrl, TwilioStub twilio) {

    /** {@code redisDatabase}: 2 to 15, one per isolated test class (database 1 is AppTest's). Twilio is configured. */
    public static IsolatedApp create(String name, int redisDatabase) {
        String url = TestRedis.url(redisDatabase);
        TestRedis.flush(url);
        return new IsolatedApp(TestDatabases.tempDir("sk-" + name), url, TwilioStub.start());
    }

    public void configure(DynamicPropertyRegistry registry) {
        TestDatabases.sqlite(registry, dir);
        registry.add("spring.data.redis.url", () -> redisUrl);
        twilio.configure(registry);
        sandboxPayments(registry);
    }

    /**
     * Beside Twilio the sandbox must be asked for by name (a test that wants Stripe adds its own
     * provider after this, which replaces it). The chat simulator stays off, as it is beside a real
     * platform: a test that uses it turns it on ({@code shopkeeper.simulator.enabled=true}).
     */
    private static void sandboxPayments(DynamicPropertyRegistry registry) {
        registry.add("shopkeeper.payment.provider", () -> "sandbox");
    }

    /** The same, over a fresh schema of the test PostgreSQL instead of SQLite. */
    public void configurePostgres(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry, dir);
        registry.add("spring.data.redis.url", () -> redisUrl);
        twilio.configure(registry);
        sandboxPayments(registry);
    }
}
