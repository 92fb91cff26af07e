package com.shopkeeper.support;

import com.shopkeeper.ShopkeeperApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Whole application instances started by a test, beside each other in one JVM: several "jars"
 * against one Redis, as in production. Each gets a random port; all share the data directory given.
 */
public final class TestApps {

    private TestApps() {
    }

    /** A null redisUrl leaves Redis unconfigured, as the out-of-the-box run does. */
    public static ConfigurableApplicationContext start(Path data, String redisUrl, Map<String, String> extra,
                                                       ApplicationContextInitializer<GenericApplicationContext> beans) {
        List<String> props = new ArrayList<>(List.of(
                "server.port=0",
                "shopkeeper.db.url=jdbc:sqlite:" + data.resolve("shopkeeper.db"),
                "shopkeeper.crypto.key-dir=" + data.resolve("keys"),
                "shopkeeper.admin.bootstrap-token=" + AppTest.ADMIN_TOKEN,
                "shopkeeper.catalog.seed-demo=false",
                redisUrl == null ? "shopkeeper.test.redis=embedded" : "spring.data.redis.url=" + redisUrl,
                "shopkeeper.queue.retry-backoff=100ms",
                "shopkeeper.queue.max-attempts=3",
                "shopkeeper.queue.heartbeat=200ms",
                "shopkeeper.queue.stale-after=3s",
                "management.endpoints.web.exposure.include=health",
                // Pipeline tests: the echo processor (predictable replies), unless the test brings its own.
                "shopkeeper.processor=echo"));
        extra.forEach((k, v) -> props.add(k + "=" + v));
        return new SpringApplicationBuilder(ShopkeeperApplication.class)
                .properties(props.toArray(String[]::new))
                .initializers(ctx -> beans.initialize((GenericApplicationContext) ctx))
                .run();
    }

    public static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
