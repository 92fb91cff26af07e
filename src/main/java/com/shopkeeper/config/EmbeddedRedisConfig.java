package com.shopkeeper.config;

import io.lettuce.core.ClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import redis.embedded.RedisServer;

/**
 * The out-of-the-box run needs no Redis installed: when neither {@code spring.data.redis.url} nor
 * {@code spring.data.redis.cluster.nodes} (nor a host) is configured, a Redis server shipped inside
 * the embedded-redis artifact starts on a free loopback port and the app connects to it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedRedisConfig.NoRedisConfigured.class)
class EmbeddedRedisConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisConfig.class);

    @Bean(destroyMethod = "stop")
    RedisServer embeddedRedisServer() {
        int port = freePort();
        try {
            RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    // A local demo keeps nothing on disk; a real deployment sets spring.data.redis.url.
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
            log.warn("redis: no spring.data.redis.url or spring.data.redis.cluster.nodes set; started an embedded "
                    + "Redis on 127.0.0.1:{} (for trying the bot; set spring.data.redis.url in production)", port);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Redis", e);
        }
    }

    @Bean
    DataRedisConnectionDetails embeddedRedisConnectionDetails(RedisServer server) {
        int port = server.ports().getFirst();
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", port);
            }
        };
    }

    /**
     * The embedded server dies with this JVM (the library kills it from a shutdown hook that runs
     * beside Spring's): commands sent after that fail at once instead of waiting out the command
     * timeout for a reconnect that cannot come, so shutting down takes no longer than it should.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer embeddedRedisFailFast() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static class NoRedisConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            Binder binder = Binder.get(env);
            boolean cluster = binder.bind("spring.data.redis.cluster.nodes", org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
                    .map(nodes -> !nodes.isEmpty()).orElse(false);
            return !env.containsProperty("spring.data.redis.url") && !env.containsProperty("spring.data.redis.host")
                    && !env.containsProperty("spring.data.redis.sentinel.master") && !cluster;
        }
    }
}
