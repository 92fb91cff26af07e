package com.shopkeeper.support;

import io.lettuce.core.RedisClient;

/** Direct Redis access for tests: flush an isolated database before a context uses it. */
public final class TestRedis {

    private TestRedis() {
    }

    public static void flush(String url) {
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }
}
