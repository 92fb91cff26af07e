package com.shopkeeper.messaging.simulator;

import java.util.concurrent.Executors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "shopkeeper.simulator.enabled", havingValue = "true", matchIfMissing = true)
class SimulatorConfig {

    @Bean
    RedisMessageListenerContainer simulatorReplies(RedisConnectionFactory redis, SimulatorStreams streams) {
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // One thread hands messages on in the order Redis delivered them (the default starts a
        // thread per message, and steps or replies could overtake each other).
        container.setTaskExecutor(new ConcurrentTaskExecutor(Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("simulator-relay").daemon(true).factory())));
        container.addMessageListener(streams, new ChannelTopic(SimulatorPlatform.CHANNEL));
        return container;
    }
}
