package com.shopkeeper.support;

import io.lettuce.core.RedisClient;

/** Direct Redis access for tests: flush an isolated database before a context uses it. */
public final class TestRedis {

    /**
     * host:port of the Redis the tests use: the machine's by default; {@code SHOPKEEPER_TEST_REDIS}
     * points a second checkout's run at a private redis-server, so that two runs cannot collide.
     */
    public static final String HOST_PORT = System.getenv().getOrDefault("SHOPKEEPER_TEST_REDIS", "127.0.0.1:6379");

    public static String host() {
        return HOST_PORT.substring(0, HOST_PORT.lastIndexOf(':'));
    }

    public static int port() {
        return Integer.parseInt(HOST_PORT.substring(HOST_PORT.lastIndexOf(':') + 1));
    }

    /** The URL of one database of the test Redis. */
    public static String url(int database) {
        return "redis://" + HOST_PORT + "/" + database;
    }

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
